import pytest

from slug import slugify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello World", "hello-world"),
        ("Hello, World!", "hello-world"),
        ("  many   spaces  ", "many-spaces"),
        ("Top 10 Tips", "top-10-tips"),
        ("", ""),
    ],
    ids=["words", "punctuation", "spaces", "digits", "empty"],
)
def test_slugify(text, expected):
    assert slugify(text) == expected


@pytest.mark.slow
def test_slow_long_text():
    assert slugify("word " * 10000) == "-".join(["word"] * 10000)
