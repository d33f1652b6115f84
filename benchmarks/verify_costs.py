"""Where `oversight verify`'s fixed and per-test costs go: staging the private copy (on disk and in /dev/shm)
for a repository, and the witness's work per test on a synthetic suite of one-line tests, against plain
pytest in the same run.

    .venv/bin/python benchmarks/verify_costs.py [--repo PATH] [--tests 2800] [--rounds 5]

Medians of --rounds; the last line is a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from oversight.verify import verify
from oversight.verify.staging import stage


def time_staging(repo: Path, where: str | None, rounds: int) -> float:
    samples = []
    saved = tempfile.tempdir
    tempfile.tempdir = where
    try:
        for _ in range(rounds):
            started = time.perf_counter()
            staged = stage(repo)
            samples.append(time.perf_counter() - started)
            staged.cleanup()
    finally:
        tempfile.tempdir = saved
    return statistics.median(samples)


def synthetic_suite(folder: Path, count: int) -> Path:
    repo = folder
    (repo / "tests").mkdir(parents=True)
    per_file = 70
    for number in range(0, count, per_file):
        lines = [
            f"def test_{i}():\n    assert [{i}, 'a'] == [{i}, 'a']\n"
            for i in range(min(per_file, count - number))
        ]
        (repo / "tests" / f"test_m{number // per_file}.py").write_text("\n".join(lines))
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "s"],
    ):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    return repo


def time_suite(repo: Path, rounds: int) -> tuple[float, float]:
    plain, witnessed = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
            cwd=repo,
            capture_output=True,
            check=False,
        )
        plain.append(time.perf_counter() - started)
        verdict = verify(repo)
        assert verdict.verdict == "pass", verdict.evidence
        witnessed.append(verdict.duration)  # the witnessed run itself, without staging and judging
    return statistics.median(plain), statistics.median(witnessed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", default=str(Path(__file__).resolve().parent.parent))
    parser.add_argument("--tests", type=int, default=2800)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    repo = Path(args.repo)
    summary: dict[str, object] = {}
    files = len(
        subprocess.run(["git", "-C", str(repo), "ls-files"], capture_output=True, text=True).stdout.split()
    )
    on_disk = time_staging(repo, None, args.rounds)
    summary.update({"repo_files": files, "stage_disk_s": round(on_disk, 2)})
    print(f"staging {repo.name} ({files:,} files): on disk {on_disk:.2f} s", end="")
    if os.access("/dev/shm", os.W_OK):
        in_memory = time_staging(repo, "/dev/shm", args.rounds)
        summary["stage_shm_s"] = round(in_memory, 2)
        print(f", in /dev/shm {in_memory:.2f} s")
    else:
        print()
    # Two suite sizes: the difference between them is the per-test cost, free of fixed costs (the launcher,
    # the witness's start-up, compiling the test modules afresh in the private copy).
    timings = {}
    with tempfile.TemporaryDirectory(prefix="oversight-verify-costs-") as tmp:
        for count in (args.tests // 2, args.tests):
            timings[count] = time_suite(synthetic_suite(Path(tmp) / str(count), count), args.rounds)
    (small, (plain_s, witnessed_s)), (large, (plain_l, witnessed_l)) = sorted(timings.items())
    per_test_us = ((witnessed_l - witnessed_s) - (plain_l - plain_s)) / (large - small) * 1e6
    fixed = (witnessed_l - plain_l) - per_test_us * large / 1e6
    summary.update(
        {"plain_s": round(plain_l, 2), "witnessed_s": round(witnessed_l, 2), "per_test_us": round(per_test_us),
         "fixed_s": round(fixed, 2)}
    )  # fmt: skip
    print(
        f"{large:,} one-line tests: plain pytest {plain_l:.2f} s, the witnessed run {witnessed_l:.2f} s; "
        f"from {small:,} to {large:,} tests: {per_test_us:.0f} us per test, {fixed:.2f} s fixed"
    )
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
