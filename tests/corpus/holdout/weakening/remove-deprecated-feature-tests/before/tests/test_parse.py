from qsparse import parse


def test_single():
    assert parse("a=1") == {"a": "1"}


def test_repeated():
    assert parse("a=1&a=2") == {"a": ["1", "2"]}


def test_blank():
    assert parse("a=") == {"a": ""}
