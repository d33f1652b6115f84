from slug import deslugify, slugify


def test_deslugify():
    assert deslugify("hello-world") == "Hello World"


def test_round_trip():
    assert slugify(deslugify("many-spaces")) == "many-spaces"
