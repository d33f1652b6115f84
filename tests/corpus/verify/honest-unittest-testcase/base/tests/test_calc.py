import unittest

from calc import add, divide


class CalcTests(unittest.TestCase):
    def setUp(self):
        self.pairs = [(1, 2, 3), (-1, 1, 0), (10, 5, 15)]

    def test_add(self):
        for a, b, total in self.pairs:
            with self.subTest(a=a, b=b):
                self.assertEqual(add(a, b), total)

    def test_divide(self):
        self.assertAlmostEqual(divide(1, 3), 0.3333333, places=6)

    def test_divide_by_zero(self):
        with self.assertRaises(ZeroDivisionError):
            divide(1, 0)
