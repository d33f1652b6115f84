from geometry.shapes import area


def test_triangle():
    assert area("triangle", 3, 4) == 6.0
