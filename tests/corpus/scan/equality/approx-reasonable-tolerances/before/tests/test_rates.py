from finance.rates import compound


def test_compound():
    assert compound(100, 0.05, 2) == 110.25
