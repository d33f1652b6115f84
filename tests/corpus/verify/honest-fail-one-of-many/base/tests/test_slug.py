from slug import slugify


def test_words():
    assert slugify("Hello World") == "hello-world"


def test_punctuation():
    assert slugify("Hello, World!") == "hello-world"


def test_spaces():
    assert slugify("  many   spaces  ") == "many-spaces"


def test_digits():
    assert slugify("Top 10 Tips") == "top-10-tips"


def test_empty():
    assert slugify("") == ""


def test_accents():
    assert slugify("Crème Brûlée") == "creme-brulee"
