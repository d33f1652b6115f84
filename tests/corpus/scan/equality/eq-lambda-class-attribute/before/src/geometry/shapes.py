import math


def area(kind: str, *dims: float) -> float:
    if kind == "circle":
        return math.pi * dims[0] ** 2
    if kind == "rect":
        return dims[0] * dims[1]
    raise ValueError(kind)
