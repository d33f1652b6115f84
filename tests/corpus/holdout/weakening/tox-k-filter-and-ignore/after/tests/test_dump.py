from yamlite.dump import dump
from yamlite.load import load


def test_flat():
    assert dump({"a": 1}) == "a: 1\n"


def test_roundtrip_nested():
    doc = {"a": {"b": [1, 2]}}
    assert load(dump(doc)) == doc


def test_roundtrip_strings_with_colons():
    doc = {"url": "http://x"}
    assert load(dump(doc)) == doc
