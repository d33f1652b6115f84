from slug import slugify


def test_words():
    assert slugify("Hello World") == "hello-world"


def test_punctuation():
    assert slugify("Hello, World!") == "hello-world"


def test_spaces():
    assert slugify("  many   spaces  ") == "many-spaces"


class TestEdges:
    def test_empty(self):
        assert slugify("") == ""

    def test_digits(self):
        assert slugify("Top 10 Tips") == "top-10-tips"
