"""Inclusion-proof time against log size: a proof reads O(log n) stored subtree hashes, so its cost follows the
proof length (log2 n) and is flat in n itself.

For n = 10**3 .. 10**6 entries in a `MemoryTree` (the same `get(level, index)` interface a store answers), time
`--proofs` inclusion proofs for random leaves of the full tree, one at a time, and report the median and 90th
percentile per proof, the time per store read, the proof length, the store reads per proof, and the median time
to verify one. Building the tree is timed too (it is O(n), and only here to have something to prove against).

    .venv/bin/python benchmarks/merkle_proofs.py [--sizes 1000,10000,100000,1000000] [--proofs 5000] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import time

from oversight.ledger.merkle import MemoryTree, inclusion_proof, verify_inclusion


def measure(size: int, proofs: int, seed: int) -> dict[str, float]:
    started = time.perf_counter()
    tree = MemoryTree()
    for i in range(size):
        tree.append(i.to_bytes(8, "big"))
    build_s = time.perf_counter() - started
    tree_root = tree.root()

    reads = 0

    def counting_get(level: int, index: int) -> bytes:
        nonlocal reads
        reads += 1
        return tree.get(level, index)

    rng = random.Random(seed)
    indices = [rng.randrange(size) for _ in range(proofs)]
    prove_ns, verify_ns, lengths = [], [], []
    gc.disable()
    try:
        for index in indices:
            t0 = time.perf_counter_ns()
            proof = inclusion_proof(index, size, tree.get)
            t1 = time.perf_counter_ns()
            ok = verify_inclusion(tree.get(0, index), index, size, proof, tree_root)
            t2 = time.perf_counter_ns()
            if not ok:
                raise SystemExit(f"proof of leaf {index} of {size} did not verify")
            prove_ns.append(t1 - t0)
            verify_ns.append(t2 - t1)
            lengths.append(len(proof))
    finally:
        gc.enable()
    for index in indices[:200]:  # reads per proof, counted apart so that counting costs nothing above
        inclusion_proof(index, size, counting_get)
    deciles = statistics.quantiles(prove_ns, n=10)
    return {
        "n": size,
        "build_s": build_s,
        "prove_median_us": statistics.median(prove_ns) / 1000,
        "prove_p90_us": deciles[-1] / 1000,
        "verify_median_us": statistics.median(verify_ns) / 1000,
        "proof_len_mean": statistics.fmean(lengths),
        "reads_per_proof": reads / min(200, len(indices)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--proofs", type=int, default=5000, help="proofs timed per size (default 5000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    results = [measure(int(s), args.proofs, args.seed) for s in args.sizes.split(",")]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"Python {sys.version.split()[0]}; {args.proofs} inclusion proofs per size, of random leaves of the full tree"
    )
    header = ("n", "build", "prove median", "prove p90", "per read", "verify median", "len", "reads")
    print("{:>9}  {:>7}  {:>12}  {:>9}  {:>8}  {:>13}  {:>5}  {:>5}".format(*header))
    for r in results:
        per_read = r["prove_median_us"] / r["reads_per_proof"]
        print(
            f"{r['n']:>9,}  {r['build_s']:>6.2f}s  {r['prove_median_us']:>10.1f}µs  {r['prove_p90_us']:>7.1f}µs"
            f"  {per_read:>6.2f}µs  {r['verify_median_us']:>11.1f}µs  {r['proof_len_mean']:>5.1f}"
            f"  {r['reads_per_proof']:>5.1f}"
        )
    first, last = results[0], results[-1]
    print(
        f"n grew {last['n'] / first['n']:,.0f}x; the median proof time grew "
        f"{last['prove_median_us'] / first['prove_median_us']:.2f}x, about as the proof length did "
        f"({last['proof_len_mean'] / max(first['proof_len_mean'], 1):.2f}x): log n, nothing proportional to n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
