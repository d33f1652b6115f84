import pytest

from stats.core import stddev


def test_sample_stddev():
    assert stddev([2, 4, 4, 4, 5, 5, 7, 9]) == pytest.approx(2.138, rel=0.1)
