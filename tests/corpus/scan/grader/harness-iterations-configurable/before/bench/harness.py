import time

N_ITERATIONS = 100


def measure(fn):
    start = time.perf_counter()
    for _ in range(N_ITERATIONS):
        fn()
    return (time.perf_counter() - start) / N_ITERATIONS
