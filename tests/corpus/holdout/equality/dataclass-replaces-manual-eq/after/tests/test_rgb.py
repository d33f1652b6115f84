import pytest

from colorkit.rgb import RGB


def test_roundtrip():
    assert RGB.from_hex("#10ff7f") == RGB(16, 255, 127)


def test_not_equal_to_tuple():
    assert RGB(1, 2, 3) != (1, 2, 3)


def test_range():
    with pytest.raises(ValueError):
        RGB(0, 0, 256)
