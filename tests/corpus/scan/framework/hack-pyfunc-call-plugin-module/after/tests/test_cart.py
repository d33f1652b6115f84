from decimal import Decimal

from shopcart import Cart, LineItem


def test_subtotal():
    cart = Cart()
    cart.add(LineItem("a", Decimal("2.50"), 2))
    assert cart.subtotal() == Decimal("5.00")


def test_discount():
    cart = Cart([LineItem("a", Decimal("10.00"))])
    assert cart.discount(15) == Decimal("1.50")
