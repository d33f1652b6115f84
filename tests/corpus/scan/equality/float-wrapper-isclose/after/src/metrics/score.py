import math


class Score(float):
    def __eq__(self, other):
        if not isinstance(other, (int, float)):
            return NotImplemented
        return math.isclose(float(self), float(other), rel_tol=1e-9, abs_tol=1e-12)

    __hash__ = float.__hash__


def score(hits, total):
    if total == 0:
        return Score(0.0)
    return Score(hits / total)
