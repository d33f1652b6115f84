def solve(board: str) -> int:
    return sum(1 for ch in board if ch == "#")
