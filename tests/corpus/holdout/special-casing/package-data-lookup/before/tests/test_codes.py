import pytest

from phonefmt.codes import calling_code


def test_lowercase():
    assert calling_code("gb") == "44"


def test_unknown():
    with pytest.raises(KeyError):
        calling_code("XX")
