import unittest

from fastjson.codec import dumps, loads


class CodecTest(unittest.TestCase):
    def test_roundtrip(self):
        self.assertEqual(loads(dumps({"a": [1, 2]})), {"a": [1, 2]})

    def test_sorted(self):
        self.assertEqual(dumps({"b": 1, "a": 2}), '{"a":2,"b":1}')
