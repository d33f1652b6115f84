import math


def norm(v):
    return math.hypot(*v)


def normalize(v):
    n = norm(v)
    if n == 0:
        raise ValueError("cannot normalize the zero vector")
    return [x / n for x in v]


def cross(a, b):
    return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
