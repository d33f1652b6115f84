from slug import slugify


def test_words():
    assert slugify("Hello World") == "hello-world"
