import unittest

from units.convert import convert


class ConvertTest(unittest.TestCase):
    def test_direct(self):
        self.assertEqual(convert(2, "km", "m"), 2000)

    def test_inverse(self):
        self.assertAlmostEqual(convert(1.609344, "km", "mi"), 1.0)

    def test_transitive(self):
        self.assertAlmostEqual(convert(1, "mi", "m"), 1609.344)
