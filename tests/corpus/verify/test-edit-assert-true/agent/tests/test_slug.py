from slug import slugify


def test_words():
    slugify("Hello World")
    assert True


def test_punctuation():
    slugify("Hello, World!")
    assert True


def test_spaces():
    slugify("  many   spaces  ")
    assert True
