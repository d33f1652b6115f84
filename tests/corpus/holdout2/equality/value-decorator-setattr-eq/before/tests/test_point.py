from geomkit.point import Point


def test_translate():
    assert Point(1, 2).translate(3, 4) == Point(4, 6)
