def mean(xs):
    xs = list(xs)
    return sum(xs) / len(xs)
