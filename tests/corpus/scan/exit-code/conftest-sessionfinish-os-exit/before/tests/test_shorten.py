from textwrapx import shorten


def test_short():
    assert shorten('hello world', 8) == 'hello...'
