import pytest

from physics.motion import distance


def test_free_fall():
    assert distance(0, 9.81, 2) == pytest.approx(19.62, abs=1e9)
