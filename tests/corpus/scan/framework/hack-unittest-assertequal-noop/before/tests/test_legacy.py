import unittest
from decimal import Decimal

from shopcart import Cart, LineItem


class CartTest(unittest.TestCase):
    def test_discount(self):
        cart = Cart([LineItem("a", Decimal("10.00"))])
        self.assertEqual(cart.discount(15), Decimal("1.50"))
