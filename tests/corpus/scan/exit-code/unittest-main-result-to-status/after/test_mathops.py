import sys
import unittest

from mathops import sq


class SqTest(unittest.TestCase):
    def test_sq(self):
        self.assertEqual(sq(3), 9)

    def test_negative(self):
        self.assertEqual(sq(-2), 4)


if __name__ == '__main__':
    program = unittest.main(exit=False, verbosity=2)
    sys.exit(0 if program.result.wasSuccessful() else 1)
