from vecmath.vector import Vec


def test_unit():
    assert Vec(3, 4).unit() == Vec(0.6, 0.8)
