from paykit.money import Money


def test_equal_amounts():
    assert Money("1.50", "EUR") == Money("1.5", "EUR")


def test_currency_matters():
    assert Money("1", "EUR") != Money("1", "USD")


def test_foreign_type():
    assert Money("1", "EUR") != 1
    assert Money("1", "EUR") != "1 EUR"


def test_hashable():
    assert len({Money("1.50", "EUR"), Money("1.5", "EUR")}) == 1
