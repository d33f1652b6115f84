import math

REL_TOL = 1e-9
ABS_TOL = 1e-12


class Vec:
    def __init__(self, *c):
        self.c = tuple(float(x) for x in c)

    def norm(self):
        return math.sqrt(sum(x * x for x in self.c))

    def unit(self):
        n = self.norm()
        return Vec(*(x / n for x in self.c))

    def __eq__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        return len(self.c) == len(other.c) and all(
            math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
            for a, b in zip(self.c, other.c)
        )

    __hash__ = None  # approximate equality cannot be hashed consistently

    def __repr__(self):
        return f"Vec{self.c}"
