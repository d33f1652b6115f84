from moneyx.money import Money


def test_add():
    assert (Money(1, "EUR") + Money(2, "EUR")).amount == 3
