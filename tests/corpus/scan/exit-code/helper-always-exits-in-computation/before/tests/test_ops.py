from matrix.ops import det


def test_det2():
    assert det([[1, 2], [3, 4]]) == -2


def test_singular():
    assert det([[1, 2], [2, 4]]) == 0
