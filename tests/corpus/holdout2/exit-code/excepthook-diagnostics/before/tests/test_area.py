import pytest
from shapes.area import circle, triangle


def test_circle():
    assert circle(1) == pytest.approx(3.14159, rel=1e-4)


def test_triangle_degenerate():
    with pytest.raises(ValueError):
        triangle(1, 2, 3)
