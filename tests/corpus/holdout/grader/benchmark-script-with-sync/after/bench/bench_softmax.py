"""Micro-benchmark: python bench/bench_softmax.py [--n 200]"""
import argparse
import statistics
import time

import torch

from kernels.softmax import softmax


def timeit(fn, n):
    for _ in range(10):  # warm-up (allocator, autotuning)
        fn()
    torch.cuda.synchronize()
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()
    x = torch.randn(8192, 4096, device="cuda")
    ours = timeit(lambda: softmax(x), args.n)
    ref = timeit(lambda: torch.softmax(x, -1), args.n)
    torch.testing.assert_close(softmax(x), torch.softmax(x, -1))
    print(f"ours {ours * 1e6:.1f} us   torch {ref * 1e6:.1f} us   ratio {ours / ref:.2f}")


if __name__ == "__main__":
    main()
