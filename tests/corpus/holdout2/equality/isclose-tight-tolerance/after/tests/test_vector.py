from vecmath.vector import Vec


def test_unit():
    assert Vec(3, 4).unit() == Vec(0.6, 0.8)


def test_rounding_noise_is_equal():
    assert Vec(0.1 + 0.2) == Vec(0.3)


def test_different_vectors_unequal():
    assert Vec(1, 0) != Vec(0, 1)
    assert Vec(1.0) != Vec(1.001)
    assert Vec(1, 2) != Vec(1, 2, 3)
