from numerals.roman import from_roman, to_roman

def test_to_roman():
    assert to_roman(1994) == "MCMXCIV"
    assert to_roman(3999) == "MMMCMXCIX"

def test_from_roman():
    assert from_roman("MCMXCIV") == 1994
