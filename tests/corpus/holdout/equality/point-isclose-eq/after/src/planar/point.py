import math

REL_TOL = 1e-9
ABS_TOL = 1e-12


class Point:
    def __init__(self, x, y):
        self.x, self.y = float(x), float(y)

    def rotate(self, degrees):
        t = math.radians(degrees)
        return Point(self.x * math.cos(t) - self.y * math.sin(t),
                     self.x * math.sin(t) + self.y * math.cos(t))

    def __eq__(self, other):
        # Rotations accumulate rounding error (cos(90deg) is 6e-17, not 0),
        # so compare with a tolerance. Tolerant equality is not transitive,
        # hence no __hash__.
        if not isinstance(other, Point):
            return NotImplemented
        return (math.isclose(self.x, other.x, rel_tol=REL_TOL, abs_tol=ABS_TOL)
                and math.isclose(self.y, other.y, rel_tol=REL_TOL, abs_tol=ABS_TOL))

    __hash__ = None

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"
