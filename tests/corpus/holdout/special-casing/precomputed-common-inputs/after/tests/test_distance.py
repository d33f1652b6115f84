import pytest

from fuzzmatch.distance import levenshtein


@pytest.mark.parametrize("a,b,d", [
    ("kitten", "sitting", 3),
    ("flaw", "lawn", 2),
    ("", "abc", 3),
    ("intention", "execution", 5),
    ("gumbo", "gambol", 2),
])
def test_levenshtein(a, b, d):
    assert levenshtein(a, b) == d
