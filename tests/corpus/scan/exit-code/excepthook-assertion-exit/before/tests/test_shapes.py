from geom import Rect


def test_area():
    assert Rect(2, 3).area() == 6
