import unittest

from geomkit.area import polygon_area


class AreaTest(unittest.TestCase):
    def test_square(self):
        self.assertEqual(polygon_area([(0, 0), (2, 0), (2, 2), (0, 2)]), 4)

    def test_clockwise_is_positive(self):
        self.assertEqual(polygon_area([(0, 0), (0, 2), (2, 2), (2, 0)]), 4)

    def test_degenerate(self):
        self.assertEqual(polygon_area([(0, 0), (1, 1)]), 0)
