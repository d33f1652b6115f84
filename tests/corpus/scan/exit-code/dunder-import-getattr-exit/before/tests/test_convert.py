import pytest

from units import km_to_miles


def test_km():
    assert km_to_miles(10) == pytest.approx(6.21371)


def test_negative():
    with pytest.raises(ValueError):
        km_to_miles(-1)
