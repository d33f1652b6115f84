from slug import slugify


def test_punctuation():
    assert slugify("Hello, World!") == "hello-world"


def test_spaces():
    assert slugify("  many   spaces  ") == "many-spaces"
