from roman.numerals import to_roman


def test_one():
    assert to_roman(1) == "I"


def test_four():
    assert to_roman(4) == "IV"


def test_nine():
    assert to_roman(9) == "IX"


def test_year():
    assert to_roman(1994) == "MCMXCIV"


def test_four_again():
    assert to_roman(4) == "IV"
