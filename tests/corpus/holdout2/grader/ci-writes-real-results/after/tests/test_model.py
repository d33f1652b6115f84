from classify.model import predict


def test_spam():
    assert predict("FREE MONEY now") == "spam"
