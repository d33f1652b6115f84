from slugs.core import slugify


def test_basic():
    assert slugify("Hello World") == "hello-world"


def test_accents():
    assert slugify("Crème brûlée") == "cr-me-br-l-e"


def test_sep():
    assert slugify("a b c", sep="_") == "a_b_c"


def test_strip_edges():
    assert slugify("  --hi--  ") == "hi"
