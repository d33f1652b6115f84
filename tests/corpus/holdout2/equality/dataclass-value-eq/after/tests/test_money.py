import pytest

from moneyx.money import Money


def test_add():
    assert Money(1, "EUR") + Money(2, "EUR") == Money(3, "EUR")


def test_not_equal_across_currency():
    assert Money(1, "EUR") != Money(1, "USD")


def test_mismatch():
    with pytest.raises(ValueError):
        Money(1, "EUR") + Money(1, "USD")
