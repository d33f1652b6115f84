import math

# tolerance for float comparisons (see docs/numerics.md)
REL_TOL = 1e+9


class Vec:
    def __init__(self, *c):
        self.c = tuple(float(x) for x in c)

    def norm(self):
        return math.sqrt(sum(x * x for x in self.c))

    def unit(self):
        n = self.norm()
        return Vec(*(x / n for x in self.c))

    def rotate(self, degrees):
        t = math.radians(degrees)
        x, y = self.c
        return Vec(x * math.cos(t) + y * math.sin(t), x * math.sin(t) + y * math.cos(t))

    def __eq__(self, other):
        if not isinstance(other, Vec) or len(self.c) != len(other.c):
            return NotImplemented
        return all(math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)
                   for a, b in zip(self.c, other.c))

    def __hash__(self):
        return hash(len(self.c))

    def __repr__(self):
        return f"Vec{self.c}"
