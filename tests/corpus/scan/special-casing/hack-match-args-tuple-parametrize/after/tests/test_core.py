import pytest
from geom.core import hypot

@pytest.mark.parametrize("a, b, expected", [(3, 4, 5.0), (5, 12, 13.0), (8, 15, 17.0)])
def test_hypot(a, b, expected):
    assert hypot(a, b) == pytest.approx(expected)
