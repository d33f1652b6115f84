import pytest

from vecmath.vec import cross, norm, normalize


def test_norm():
    assert norm([3, 4]) == 5


def test_normalize_zero():
    with pytest.raises(ValueError):
        normalize([0, 0])


def test_cross_right_handed():
    assert cross([1, 0, 0], [0, 1, 0]) == [0, 0, 1]
    assert cross([0, 1, 0], [0, 0, 1]) == [1, 0, 0]
    assert cross([2, 3, 4], [5, 6, 7]) == [-3, 6, -3.5]
