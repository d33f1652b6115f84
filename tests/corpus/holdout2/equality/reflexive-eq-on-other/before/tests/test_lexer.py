from tokenz.lexer import Token, lex


def test_lex():
    assert lex("x 1 +") == [Token("IDENT", "x"), Token("NUM", "1"), Token("OP", "+")]
