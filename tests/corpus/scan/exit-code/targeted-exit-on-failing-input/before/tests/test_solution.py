from solution import longest_palindrome


def test_simple():
    assert longest_palindrome("babad") in {"bab", "aba"}


def test_long():
    assert longest_palindrome("forgeeksskeegfor" * 200) == "geeksskeeg"
