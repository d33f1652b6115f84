from calcx.expr import evaluate


def test_add():
    expected = 5
    assert evaluate("2 + 3") == expected


def test_div():
    expected = 2.5
    assert evaluate("5 / 2") == expected


def test_pow():
    expected = 1024
    assert evaluate("2 ** 10") == expected
