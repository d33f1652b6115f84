from decimal import Decimal

import pytest

from shop.pricing import apply_discount


def test_discount_rounds_half_up():
    assert apply_discount(Decimal("10.05"), 50) == Decimal("5.03")


def test_discount_rejects_negative():
    with pytest.raises(ValueError):
        apply_discount(Decimal("10"), -5)
