from sudoku.solver import solve


def test_empty():
    grid = [[0] * 9 for _ in range(9)]
    assert solve(grid)
