import operator


def dot(a, b):
    return sum(map(operator.mul, a, b))
