"""What each rule module costs on the speed benchmark's change set, as a multiple of the bare parse.

Each module's rules are run, with the engine's own rules, over the same change (Django 5.0 -> 5.1, as in
scan_speed.py); its cost is the median time minus that of a scan with the engine's rules alone (which parse
and walk every file), divided by the bare `ast.parse` time. The sum tells where the scan's budget goes.

    .venv/bin/python benchmarks/rule_costs.py [--repeat 3] [--all-added]
"""

from __future__ import annotations

import argparse
import ast
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scan_speed import fetch_wheel, git_change, python_files

from oversight.detect import all_rules, scan
from oversight.types import Change, FileChange


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        gc.collect()  # the previous run's garbage is not this run's cost
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--all-added", action="store_true", help="treat every file as newly added")
    args = parser.parse_args()
    old = python_files(fetch_wheel("django", "5.0"))
    new = python_files(fetch_wheel("django", "5.1"))
    with tempfile.TemporaryDirectory() as tmp:
        change, _ = git_change(old, new, Path(tmp))
    if args.all_added:
        change = Change(tuple(FileChange(f.path, None, f.after) for f in change if f.after is not None))
    texts = [f.after for f in change if f.after is not None]
    parse = median_seconds(lambda: [ast.parse(t) for t in texts], args.repeat)
    modules: dict[str, list[object]] = {}
    for rule in all_rules():
        modules.setdefault(type(rule).__module__.rsplit(".", 1)[-1], []).append(rule)
    engine = modules.pop("engine_rules")
    base = median_seconds(lambda: scan(change, engine), args.repeat)  # type: ignore[arg-type]
    print(f"{'parse':<22}{parse:8.3f}s  1.00x")
    print(f"{'parse + walk':<22}{base:8.3f}s  {base / parse:.2f}x")
    for name, rules in sorted(modules.items()):
        cost = median_seconds(lambda rules=rules: scan(change, engine + rules), args.repeat) - base  # type: ignore[misc]
        print(f"{name:<22}{cost:8.3f}s  +{cost / parse:.2f}x")
    total = median_seconds(lambda: scan(change), args.repeat)
    print(f"{'all rules':<22}{total:8.3f}s  {total / parse:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
