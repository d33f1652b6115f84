import pytest
from units.length import convert, to_metres

def test_miles():
    assert to_metres(1, "mi") == pytest.approx(1609.344)

def test_feet():
    assert convert(1, "ft", "in") == pytest.approx(12.0)
