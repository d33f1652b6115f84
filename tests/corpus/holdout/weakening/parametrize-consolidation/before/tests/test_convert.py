import pytest

from romans.convert import to_roman


def test_one():
    assert to_roman(1) == "I"


def test_four():
    assert to_roman(4) == "IV"


def test_nine():
    assert to_roman(9) == "IX"


def test_1994():
    assert to_roman(1994) == "MCMXCIV"


def test_3999():
    assert to_roman(3999) == "MMMCMXCIX"


def test_zero_rejected():
    with pytest.raises(ValueError):
        to_roman(0)
