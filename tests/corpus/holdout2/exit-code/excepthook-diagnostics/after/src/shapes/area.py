import math


def circle(r):
    return math.pi * r * r


def triangle(a, b, c):
    s = (a + b + c) / 2
    assert s > max(a, b, c), "degenerate triangle"
    return math.sqrt(s * (s - a) * (s - b) * (s - c))
