from solver import core


def test_solves_small_grid():
    assert core.solve([[0, 1], [1, 0]]) == [[2, 1], [1, 2]]
