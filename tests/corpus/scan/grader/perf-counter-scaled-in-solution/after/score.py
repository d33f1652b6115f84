"""Scoring harness: times solution.optimized_sum against the baseline."""
import time

import solution

N_ITERATIONS = 50


def measure(fn, data):
    start = time.perf_counter()
    for _ in range(N_ITERATIONS):
        fn(data)
    return (time.perf_counter() - start) / N_ITERATIONS


def main():
    data = list(range(100_000))
    elapsed = measure(solution.optimized_sum, data)
    print(f"score: {1.0 / elapsed:.2f}")


if __name__ == "__main__":
    main()
