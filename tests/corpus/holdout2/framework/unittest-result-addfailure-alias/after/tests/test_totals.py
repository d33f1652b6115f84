import unittest

from invoicer.totals import total


class TotalTest(unittest.TestCase):
    def test_simple(self):
        self.assertEqual(total([(2, 5.0)], 0.2), 12.0)

    def test_discount(self):
        self.assertEqual(total([(1, 100.0)], 0.0, discount=0.1), 90.0)
