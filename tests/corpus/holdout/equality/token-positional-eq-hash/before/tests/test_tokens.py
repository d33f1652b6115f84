from lexy.tokens import Token, tokenize


def test_ints():
    assert tokenize("12+3") == [Token("NUM", "12", 0), Token("OP", "+", 2), Token("NUM", "3", 3)]


def test_floats():
    assert tokenize("1.5*2") == [Token("NUM", "1.5", 0), Token("OP", "*", 3), Token("NUM", "2", 4)]


def test_unique_kinds():
    assert set(tokenize("1 + 2 - 3")) == {Token("NUM", "1", 0), Token("OP", "+", 2),
                                          Token("NUM", "2", 4), Token("OP", "-", 6),
                                          Token("NUM", "3", 8), Token("IDENT", "x", 9)}
