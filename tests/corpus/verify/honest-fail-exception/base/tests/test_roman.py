from roman import from_roman


def test_small():
    assert from_roman("XIV") == 14


def test_subtractive():
    assert from_roman("IX") == 9


def test_large():
    assert from_roman("MCMXC") == 1990
