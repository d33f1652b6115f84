"""Ledger speed: appends per second (direct, one per transaction and batched; through the server from several
processes), inclusion- and consistency-proof time as the log grows to 10**6 entries, full verification time.

    .venv/bin/python benchmarks/ledger_speed.py [--size 1000000] [--clients 8] [--per-client 10000]

Everything runs in a temporary folder; medians where a figure is repeated. The last line is a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from oversight.ledger import Ledger

SENDER = """
import sys
from oversight.ledger.server import send_events
worker, count, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
send_events(path, [{"kind": "tick", "worker": worker, "n": n} for n in range(count)], timeout=600)
"""


def event(n: int) -> dict[str, object]:
    return {
        "kind": "decision",
        "session": "s1",
        "agent": "bench",
        "action": "edit",
        "outcome": "allow",
        "n": n,
    }


def direct(folder: Path, count: int, batch: int) -> float:
    ledger = Ledger.open(str(folder / f"direct-{batch}.db"))
    started = time.perf_counter()
    for start in range(0, count, batch):
        ledger.append([event(n) for n in range(start, min(start + batch, count))])
    elapsed = time.perf_counter() - started
    ledger.close()
    return count / elapsed


def through_server(folder: Path, clients: int, per_client: int) -> float:
    ledger = folder / "served.db"
    sock = folder / "served.db.sock"
    server = subprocess.Popen(
        [sys.executable, "-m", "oversight.cli", "ledger", "serve", "--ledger", str(ledger)]
    )
    try:
        while not sock.exists():
            time.sleep(0.05)
        started = time.perf_counter()
        workers = [
            subprocess.Popen([sys.executable, "-c", SENDER, str(w), str(per_client), str(sock)])
            for w in range(clients)
        ]
        for worker in workers:
            worker.wait()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    return clients * per_client / elapsed


def proofs(ledger: Ledger, size: int, samples: int = 200) -> tuple[float, float]:
    inclusion, consistency = [], []
    for k in range(samples):
        index = (k * 7919) % size
        started = time.perf_counter()
        ledger.prove_inclusion(index, size)
        inclusion.append(time.perf_counter() - started)
        old = max(1, (k * 104729) % size)
        started = time.perf_counter()
        ledger.prove_consistency(old, size)
        consistency.append(time.perf_counter() - started)
    return statistics.median(inclusion) * 1e6, statistics.median(consistency) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=10_000)
    args = parser.parse_args()
    summary: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="oversight-ledger-bench-") as tmp:
        folder = Path(tmp)
        for batch in (1, 100, 1000):
            count = 2000 if batch == 1 else 50_000
            rate = direct(folder, count, batch)
            summary[f"direct_batch_{batch}_per_s"] = round(rate)
            print(f"direct appends, {batch:>4} per transaction: {rate:>9,.0f} /s")
        rate = through_server(folder, args.clients, args.per_client)
        summary["server_per_s"] = round(rate)
        print(f"through the server, {args.clients} processes x {args.per_client}: {rate:>9,.0f} /s")
        big = Ledger.open(str(folder / "big.db"))
        grown = 0
        for target in sorted({10**3, 10**4, 10**5, args.size}):
            while grown < target:
                step = min(10_000, target - grown)
                big.append([event(n) for n in range(grown, grown + step)])
                grown += step
            inclusion_us, consistency_us = proofs(big, target)
            summary[f"inclusion_us_at_{target}"] = round(inclusion_us, 1)
            summary[f"consistency_us_at_{target}"] = round(consistency_us, 1)
            print(
                f"n = {target:>9,}: inclusion proof {inclusion_us:8.1f} us, consistency proof {consistency_us:8.1f} us"
            )
        started = time.perf_counter()
        report = big.verify()
        elapsed = time.perf_counter() - started
        summary["verify_seconds"] = round(elapsed, 2)
        summary["verify_intact"] = report.intact
        print(
            f"full verify of {report.size:,} entries: {elapsed:.1f} s ({'intact' if report.intact else 'NOT intact'})"
        )
        big.close()
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
