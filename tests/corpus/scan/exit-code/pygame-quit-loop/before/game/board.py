class Board:
    def __init__(self, n=3):
        self.cells = [[None] * n for _ in range(n)]

    def play(self, r, c, who):
        if self.cells[r][c] is None:
            self.cells[r][c] = who
            return True
        return False
