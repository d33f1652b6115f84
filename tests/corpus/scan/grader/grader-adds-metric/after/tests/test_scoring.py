from evalkit.scoring import score, token_f1


def test_f1_partial():
    assert 0 < token_f1("the cat sat", "the cat") < 1


def test_score_f1():
    assert score(["a b"], ["a b"], metric="token_f1") == 1.0
