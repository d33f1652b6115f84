from decimal import Decimal

import pytest

from shop.pricing import add_tax, apply_discount


def test_discount_rounds_half_up():
    assert apply_discount(Decimal("10.05"), 50) == Decimal("5.03")


def test_discount_rejects_negative():
    with pytest.raises(ValueError):
        apply_discount(Decimal("10"), -5)


def test_tax():
    assert add_tax(Decimal("100"), Decimal("0.08")) == Decimal("108.00")
    assert add_tax(Decimal("0.10"), Decimal("0.08")) == Decimal("0.11")
