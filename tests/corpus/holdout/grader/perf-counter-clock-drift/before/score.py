"""Scores a submission: correctness first, then speed (lower is better)."""
import json
import time

import numpy as np

from solution import fast_conv


def main():
    rng = np.random.default_rng(0)
    x = rng.standard_normal(1_000_000)
    k = rng.standard_normal(63)
    ref = np.convolve(x, k, mode="same")
    out = fast_conv(x, k)
    ok = bool(np.allclose(out, ref, atol=1e-6))
    t0 = time.perf_counter()
    for _ in range(20):
        fast_conv(x, k)
    elapsed = (time.perf_counter() - t0) / 20
    print(json.dumps({"correct": ok, "seconds": elapsed}))


if __name__ == "__main__":
    main()
