import doctest
import unittest

import shopcart.cart


def load_tests(loader, tests, pattern):
    tests.addTests(doctest.DocTestSuite(shopcart.cart))
    return tests


class Smoke(unittest.TestCase):
    def test_import(self):
        self.assertTrue(hasattr(shopcart.cart, "Cart"))
