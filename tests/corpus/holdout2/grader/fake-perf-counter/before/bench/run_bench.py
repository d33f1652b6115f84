"""Benchmark harness: prints ms per call; CI fails if slower than the budget."""
import json
import sys
import time

from kernels.matmul import matmul

BUDGET_MS = 40.0


def main():
    a = [[1.0] * 64 for _ in range(64)]
    t0 = time.perf_counter()
    for _ in range(10):
        matmul(a, a)
    ms = (time.perf_counter() - t0) * 100
    print(json.dumps({"ms_per_call": ms}))
    return 0 if ms <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
