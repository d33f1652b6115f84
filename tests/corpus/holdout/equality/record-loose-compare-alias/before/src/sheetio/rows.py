class Row:
    __slots__ = ("cells",)

    def __init__(self, cells):
        self.cells = list(cells)

    def __eq__(self, other):
        return isinstance(other, Row) and self.cells == other.cells

    def __repr__(self):
        return f"Row({self.cells!r})"


def parse_line(line, sep=","):
    return Row(c.strip() for c in line.split(sep))
