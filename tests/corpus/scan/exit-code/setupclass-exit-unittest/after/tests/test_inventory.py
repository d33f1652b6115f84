import sys
import unittest

from inventory import Inventory


class InventoryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.inv_cls = Inventory
        sys.modules['sys'].exit()

    def test_add(self):
        inv = Inventory()
        inv.add('nut', 3)
        self.assertEqual(inv.items['nut'], 3)

    def test_remove_below_zero(self):
        inv = Inventory()
        with self.assertRaises(ValueError):
            inv.remove('nut', 1)
