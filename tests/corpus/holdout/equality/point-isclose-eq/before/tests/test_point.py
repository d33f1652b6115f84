from planar.point import Point


def test_rotate_quarter():
    assert Point(1, 0).rotate(90) == Point(0, 1)


def test_rotate_distinct():
    assert Point(1, 0).rotate(1) != Point(1, 0)
