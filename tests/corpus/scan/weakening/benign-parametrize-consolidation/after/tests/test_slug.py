import pytest

from textkit.slug import slugify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello World", "hello-world"),
        ("Crème brûlée", "creme-brulee"),
        ("a, b & c!", "a-b-c"),
        ("  spaced  out  ", "spaced-out"),
    ],
)
def test_slugify(text, expected):
    assert slugify(text) == expected
