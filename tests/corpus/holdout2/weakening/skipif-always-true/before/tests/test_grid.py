from pathfind.grid import shortest


def test_straight():
    assert shortest(["...", "...", "..."], (0, 0), (2, 2)) == 4


def test_detour():
    grid = ["..#", "#.#", "..."]
    assert shortest(grid, (2, 2), (0, 0)) == 4
