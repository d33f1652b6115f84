from vecmath.vector import Vec


def test_unit():
    assert Vec(3, 4).unit() == Vec(0.6, 0.8)


def test_rotate():
    assert Vec(1, 0).rotate(90) == Vec(0, 1)
