import json
import unittest
from decimal import Decimal


class ShopTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        super().setUp()
        self.addTypeEqualityFunc(Decimal, self.assertDecimalEqual)

    def assertDecimalEqual(self, first, second, msg=None):
        if first.quantize(Decimal("0.01")) != second.quantize(Decimal("0.01")):
            self.fail(msg or f"{first} != {second}")

    def assertJSONEqual(self, raw, expected):
        self.assertEqual(json.loads(raw), expected)

    def assertEqual(self, first, second, msg=None):
        super().assertEqual(first, second, msg or "values differ")
