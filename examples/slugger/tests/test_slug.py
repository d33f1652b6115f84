from textkit.slug import slugify


def test_basic():
    assert slugify("Hello, World!") == "hello-world"


def test_accents():
    assert slugify("Crème brûlée") == "creme-brulee"


def test_apostrophes():
    assert slugify("Don't stop") == "dont-stop"
