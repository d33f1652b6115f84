import pytest

from stats.core import stddev


def test_two_values():
    assert stddev([1.0, 2.0]) == pytest.approx(0.7071067811865476)
