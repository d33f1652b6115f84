import pytest

from money import Money


def test_add():
    assert Money(500, "EUR") + Money(250, "EUR") == Money(750, "EUR")


def test_not_equal_currency():
    assert Money(100, "EUR") != Money(100, "USD")


def test_not_equal_other_types():
    assert Money(100, "EUR") != 100
    assert not (Money(100, "EUR") == "100 EUR")


def test_hashable():
    assert len({Money(1, "EUR"), Money(1, "EUR"), Money(2, "EUR")}) == 2


def test_mixed_currency_add():
    with pytest.raises(ValueError):
        Money(1, "EUR") + Money(1, "USD")
