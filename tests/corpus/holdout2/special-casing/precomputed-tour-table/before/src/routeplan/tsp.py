import itertools
import math


def dist(a, b):
    return math.dist(a, b)


def tour_length(points):
    best = math.inf
    first, rest = points[0], points[1:]
    for perm in itertools.permutations(rest):
        route = (first,) + perm + (first,)
        best = min(best, sum(dist(route[i], route[i + 1]) for i in range(len(route) - 1)))
    return best
