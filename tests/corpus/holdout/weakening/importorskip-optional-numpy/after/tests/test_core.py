import pytest

from statlite.core import mean


def test_mean():
    assert mean([1, 2, 3]) == 2


def test_mean_generator():
    assert mean(x for x in (2, 4)) == 3


def test_mean_ndarray():
    np = pytest.importorskip("numpy")
    assert mean(np.array([1.0, 2.0, 6.0])) == 3.0
