from textkit.slug import slugify
from textkit.wrap import wrap


def test_slug_basic():
    assert slugify("A B") == "a-b"


def test_wrap_width():
    assert wrap("aaa bbb", 3) == ["aaa", "bbb"]
