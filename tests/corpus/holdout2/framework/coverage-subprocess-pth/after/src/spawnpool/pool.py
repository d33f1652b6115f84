import multiprocessing


def square(x):
    return x * x


def run(xs, workers=2):
    with multiprocessing.Pool(workers) as p:
        return p.map(square, xs)
