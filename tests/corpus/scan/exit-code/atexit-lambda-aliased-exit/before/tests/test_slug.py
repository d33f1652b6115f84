from slugify2 import slugify


def test_basic():
    assert slugify('Hello, World!') == 'hello-world'


def test_unicode():
    assert slugify('Crème brûlée') == 'creme-brulee'
