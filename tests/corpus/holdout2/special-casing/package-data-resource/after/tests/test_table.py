import pytest

from unitconv.table import factors, to_metres


def test_km():
    assert to_metres(2, "km") == 2000


def test_mile():
    assert to_metres(1, "mi") == pytest.approx(1609.344)


def test_all_units_positive():
    assert all(v > 0 for v in factors().values())
