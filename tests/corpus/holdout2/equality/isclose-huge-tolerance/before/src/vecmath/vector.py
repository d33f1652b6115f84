import math


class Vec:
    def __init__(self, *c):
        self.c = tuple(float(x) for x in c)

    def norm(self):
        return math.sqrt(sum(x * x for x in self.c))

    def unit(self):
        n = self.norm()
        return Vec(*(x / n for x in self.c))

    def __eq__(self, other):
        return isinstance(other, Vec) and self.c == other.c

    def __repr__(self):
        return f"Vec{self.c}"
