"""Ledger speed: appends per second (direct, one per transaction and batched; through the server from several
processes, alternating with direct batched appends in the same run), the hook's path (importing
`oversight.ledger.record`, one `record()` to a running server, a whole process doing both), inclusion- and
consistency-proof time as the log grows to 10**6 entries, full verification time.

    .venv/bin/python benchmarks/ledger_speed.py [--size 1000000] [--clients 8] [--per-client 10000] [--runs 5]

Everything runs in a temporary folder; medians where a figure is repeated. The last line is a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from oversight.ledger import Ledger

SENDER = """
import sys
from oversight.ledger.client import send_events
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


HOOK = """
import sys
from oversight.ledger.record import record
from oversight.types import Event
record(Event("hook", agent="bench"), sys.argv[1])
"""


def import_cost_ms(samples: int) -> float:
    """Median cumulative `-X importtime` of oversight.ledger.record in a fresh interpreter, in ms."""
    costs = []
    for _ in range(samples):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import oversight.ledger.record"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        last = [line for line in done.stderr.splitlines() if line.endswith("| oversight.ledger.record")][-1]
        costs.append(int(re.split(r"\s*\|\s*", last)[1]) / 1000)
    return statistics.median(costs)


def hook_path(folder: Path, samples: int) -> dict[str, float]:
    """One record() to a running server (in this process), and whole hook-like processes doing it."""
    from oversight.ledger.record import record
    from oversight.ledger.server import serve
    from oversight.types import Event

    location = str(folder / "hook.db")
    ready = threading.Event()
    threading.Thread(target=serve, args=(location, None, None, ready), daemon=True).start()
    ready.wait(30)
    sends = []
    for _ in range(samples):
        started = time.perf_counter()
        record(Event("hook", agent="bench"), location)
        sends.append(time.perf_counter() - started)
    processes, bare = [], []
    for _ in range(max(5, samples // 20)):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", HOOK, location], check=True, env={**os.environ})
        processes.append(time.perf_counter() - started)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - started)
    return {
        "send_ms": statistics.median(sends) * 1000,
        "process_ms": statistics.median(processes) * 1000,
        "bare_python_ms": statistics.median(bare) * 1000,
    }


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
    parser.add_argument("--runs", type=int, default=5, help="server and direct runs, alternating (medians)")
    args = parser.parse_args()
    summary: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="oversight-ledger-bench-") as tmp:
        folder = Path(tmp)
        for batch in (1, 100):
            count = 2000 if batch == 1 else 50_000
            rate = direct(folder, count, batch)
            summary[f"direct_batch_{batch}_per_s"] = round(rate)
            print(f"direct appends, {batch:>4} per transaction: {rate:>9,.0f} /s")
        served, directs = [], []
        for run in range(args.runs):
            run_folder = folder / f"run{run}"
            run_folder.mkdir()
            served.append(through_server(run_folder, args.clients, args.per_client))
            directs.append(direct(run_folder, args.clients * args.per_client, 1000))
        summary["server_per_s"] = round(statistics.median(served))
        summary["direct_batch_1000_per_s"] = round(statistics.median(directs))
        print(
            f"direct appends, 1000 per transaction: {statistics.median(directs):>9,.0f} /s "
            f"(median of {args.runs}: {', '.join(f'{r:,.0f}' for r in directs)})"
        )
        print(
            f"through the server, {args.clients} processes x {args.per_client}: {statistics.median(served):>9,.0f} /s "
            f"(median of {args.runs}: {', '.join(f'{r:,.0f}' for r in served)})"
        )
        import_ms = import_cost_ms(21)
        hook = hook_path(folder, 200)
        summary["record_import_ms"] = round(import_ms, 1)
        summary.update({f"hook_{k}": round(v, 2) for k, v in hook.items()})
        print(f"import oversight.ledger.record: {import_ms:.1f} ms (median -X importtime, cumulative)")
        print(f"one record() to a running server: {hook['send_ms']:.2f} ms (median)")
        print(
            f"a whole process that imports it and records one event: {hook['process_ms']:.1f} ms "
            f"(bare `python -c pass`: {hook['bare_python_ms']:.1f} ms)"
        )
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
