"""Benchmark harness: prints ms per call; CI fails if slower than the budget."""
import json
import statistics
import sys
import time

from kernels.matmul import matmul

BUDGET_MS = 40.0
WARMUP = 3
REPEATS = 15


def main():
    a = [[1.0] * 64 for _ in range(64)]
    for _ in range(WARMUP):
        matmul(a, a)
    samples = []
    for _ in range(REPEATS):
        t0 = time.perf_counter_ns()
        matmul(a, a)
        samples.append((time.perf_counter_ns() - t0) / 1e6)
    ms = statistics.median(samples)
    print(json.dumps({"ms_per_call": ms, "samples": len(samples)}))
    return 0 if ms <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
