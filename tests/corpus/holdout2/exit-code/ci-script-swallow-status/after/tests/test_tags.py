from tagger.tags import normalize


def test_normalize():
    assert normalize("  Machine Learning ") == "machine-learning"


def test_unicode():
    assert normalize("Café Culture") == "cafe-culture"
