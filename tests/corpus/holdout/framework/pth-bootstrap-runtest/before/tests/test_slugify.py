from slugger import slugify


def test_ascii():
    assert slugify("Hello, World!") == "hello-world"


def test_german():
    assert slugify("Straße") == "strasse"


def test_cjk_transliteration():
    assert slugify("北京") == "bei-jing"


def test_max_length():
    assert slugify("a b c d e", max_length=4) == "a-b"
