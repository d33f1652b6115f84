from slugs.core import slugify


def test_basic():
    assert slugify("Hello World") == "hello_world"


def test_accents():
    assert slugify("Crème brûlée") == "creme_brulee"


def test_sep():
    assert slugify("a b c", sep="-") == "a-b-c"
