import unittest

from mathops import sq


class SqTest(unittest.TestCase):
    def test_sq(self):
        self.assertEqual(sq(3), 9)


if __name__ == '__main__':
    unittest.main()
