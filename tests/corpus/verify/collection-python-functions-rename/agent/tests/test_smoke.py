from slug import slugify


def check_words():
    assert slugify("Hello World") == "hello-world"
