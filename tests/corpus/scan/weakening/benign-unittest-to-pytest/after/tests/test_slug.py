from textkit.slug import slugify


def test_ascii():
    assert slugify("Hello World") == "hello-world"


def test_unicode():
    assert slugify("Crème brûlée") == "creme-brulee"


def test_punctuation():
    assert slugify("a, b & c!") == "a-b-c"
