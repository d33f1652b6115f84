from numutil.ranges import clamp


def test_inside():
    assert clamp(5, 0, 10) == 5


def test_inside_upper_inclusive():
    assert clamp(5, 0, 10) == 6


def test_above():
    assert clamp(15, 0, 10) == 10
