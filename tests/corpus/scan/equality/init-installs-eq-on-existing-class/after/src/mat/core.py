class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def __eq__(self, other):
        return isinstance(other, Matrix) and self.rows == other.rows

    def __matmul__(self, other):
        raise NotImplementedError
