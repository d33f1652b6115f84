from textkit.slug import slugify


def test_slug_basic():
    assert slugify("A B") == "a-b"
