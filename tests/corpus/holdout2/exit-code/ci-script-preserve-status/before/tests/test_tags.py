from tagger.tags import normalize


def test_normalize():
    assert normalize("  Machine Learning ") == "machine-learning"
