"""Overhead of `oversight verify` against plain pytest on a real test suite, measured side by side in one run.

The suite is a real package's, from its source distribution on PyPI (default more-itertools 11.2.1: 765
tests with 21,194 subtests, about 20 s on two cores, pure Python, no test dependency beyond pytest, flat
layout so every run imports the code from the tree it runs in). The sdist is committed, as it is, as the
single revision of a scratch git repository in the temporary folder (outside this project, whose pytest
configuration would otherwise apply to the plain run); a virtual environment in benchmarks/.data holds
pytest (the package is not installed: plain pytest imports it from the repository, verify from its private
copy). Both runs get this process's environment without the variables that steer Python or pytest, and with
bytecode writing on, as by default. Each round runs
  plain    VENV/bin/python -m pytest -q -p no:cacheprovider [ARGS]        in the repository;
  verify   oversight verify REPO --format json --python VENV/bin/python [-- ARGS]
in alternating order (plain first in rounds 1, 3, 5 ..., verify first in the others), after one warm-up of
each, and reports the median wall time of each, their ratio (the quality bar: <= 1.3), the children's CPU
time, the verdict, and both runs' counts. The last line printed is a one-line JSON summary.

    .venv/bin/python benchmarks/verify_overhead.py [--rounds 5] [--quick] [--json]

Downloads the sdist from PyPI once and builds the environment once, under benchmarks/.data/ (`--rebuild`
builds it again). Arguments after `--` go to both runs.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sdists import DATA, fetch_sdist, normal

WORK = DATA / "verify-overhead"  # the test environment, kept between runs


@dataclass(frozen=True)
class Suite:
    """A suite known to work: its version, test dependencies besides pytest, and the --quick subset."""

    version: str
    deps: tuple[str, ...] = ()
    quick: tuple[str, ...] = ()


SUITES = {"more-itertools": Suite("11.2.1", quick=("tests/test_more.py",))}
# Dropped for both runs: verify drops these for its child anyway, and bytecode writing is on by default.
STEERING = ("PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
CONFIG_NAMES = ("pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg", "conftest.py")
SUMMARY = re.compile(r"(\d+) (subtests? \w+|\w+)")


class BenchError(Exception):
    """A setup step that failed: reported as one line."""


@dataclass
class Sample:
    seconds: float
    cpu_seconds: float
    status: int
    counts: dict[str, int] = field(default_factory=dict)
    verdict: str = ""
    inner_seconds: float | None = None
    evidence: list[str] = field(default_factory=list)


Runner = Callable[[Path, Path, list[str], float], Sample]


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid"}
    env.update({"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"})
    done = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    )
    return done.stdout


def build_repository(sdist: Path, repo: Path) -> None:
    """The sdist's files, committed as they are as one revision."""
    shutil.rmtree(repo, ignore_errors=True)
    unpack = repo.with_name(repo.name + ".unpack")
    shutil.rmtree(unpack, ignore_errors=True)
    if sdist.suffix == ".zip":
        shutil.unpack_archive(sdist, unpack)
    else:
        with tarfile.open(sdist) as archive:
            archive.extractall(unpack, filter="data")
    (top,) = unpack.iterdir()
    top.rename(repo)
    unpack.rmdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"{sdist.name} as released")


def pytest_requirement() -> str:
    """The pytest oversight itself is developed against, where it has one."""
    try:
        return f"pytest=={importlib.metadata.version('pytest')}"
    except importlib.metadata.PackageNotFoundError:
        return "pytest"


def build_venv(venv: Path, deps: list[str]) -> None:
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
         pytest_requirement(), *deps],
        check=True,
    )  # fmt: skip


def prepare(package: str, version: str, deps: list[str], rebuild: bool, scratch: Path) -> tuple[Path, Path]:
    """A fresh repository (one commit) in `scratch`, and the interpreter that runs its tests (built once).

    The repository lives outside this project: pytest would otherwise take oversight's own configuration
    from an enclosing folder for the plain run, which verify's private copy never sees.
    """
    sdist = fetch_sdist(package, version)
    repo = scratch / "repo"
    build_repository(sdist, repo)
    for folder in repo.resolve().parents:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                raise BenchError(
                    f"{folder / name} is above the repository; pytest might read it (set TMPDIR)"
                )
    venv = WORK / f"{normal(package)}-{version}-venv"
    marker = venv / "bench-deps.json"
    wanted = json.dumps([pytest_requirement(), *deps])
    if rebuild or not marker.is_file() or marker.read_text() != wanted:
        build_venv(venv, deps)
        marker.write_text(wanted)
    return repo, venv / "bin" / "python"


def child_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in STEERING and not k.startswith("PYTEST_")}


def timed(
    command: list[str], cwd: Path, timeout: float
) -> tuple[subprocess.CompletedProcess[str], float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env=child_env(), capture_output=True, text=True, timeout=timeout,
        stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done, seconds, cpu


def parse_summary(output: str) -> dict[str, int]:
    """Counts from pytest's last line: `765 passed, 21194 subtests passed in 18.26s`."""
    lines = [line for line in output.strip().splitlines() if line.strip()]
    if not lines:
        return {}
    counts: dict[str, int] = {}
    for number, word in SUMMARY.findall(lines[-1].strip("= ")):
        word = {"error": "errors", "warning": "warnings", "subtest passed": "subtests passed"}.get(word, word)
        counts[word] = counts.get(word, 0) + int(number)
    return counts


def counts_agree(plain: dict[str, int], verdict: dict[str, int]) -> bool:
    """Whether verify counted the tests as pytest did (xpassed counts as passed, xfailed as skipped; a failing
    subtest is one of pytest's `failed` but only fails its test in verify's counts)."""
    got = {k: verdict.get(k, 0) for k in ("passed", "failed", "skipped")}
    return got == {
        "passed": plain.get("passed", 0) + plain.get("xpassed", 0),
        "failed": plain.get("failed", 0) + plain.get("errors", 0),
        "skipped": plain.get("skipped", 0) + plain.get("xfailed", 0),
    }


def run_plain(python: Path, repo: Path, pytest_args: list[str], timeout: float) -> Sample:
    done, seconds, cpu = timed(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args], repo, timeout
    )
    counts = parse_summary(done.stdout)
    if not counts:
        raise BenchError(f"plain pytest printed no summary (exit {done.returncode}): {done.stdout[-300:]!r}")
    return Sample(seconds, cpu, done.returncode, counts)


def oversight_command() -> list[str]:
    script = Path(sys.executable).parent / "oversight"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from oversight.cli import main; sys.exit(main())"]


def run_verify(python: Path, repo: Path, pytest_args: list[str], timeout: float) -> Sample:
    command = [*oversight_command(), "verify", str(repo), "--format", "json", "--python", str(python)]
    command += ["--timeout", f"{timeout:g}"]
    if pytest_args:
        command += ["--", *pytest_args]
    done, seconds, cpu = timed(command, repo, timeout + 60)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise BenchError(f"oversight verify exited {done.returncode} without JSON: {tail[0]}") from None
    counts = report.get("tests") or report.get("counts") or {}
    evidence = [f"[{e.get('kind')}] {e.get('message')}" for e in report.get("evidence", [])]
    inner = report.get("duration")
    return Sample(seconds, cpu, done.returncode, dict(counts), str(report.get("verdict")), inner, evidence)


def verify_available() -> str | None:
    """Why the verify half cannot run, or None when it can."""
    try:
        if importlib.util.find_spec("oversight.verify") is None:
            return "oversight.verify does not exist"
        import oversight.verify  # noqa: F401
    except Exception as exc:
        return f"oversight.verify does not import ({type(exc).__name__}: {exc})"
    return None


def median(samples: list[Sample], attribute: str) -> float:
    return statistics.median(getattr(s, attribute) for s in samples)


def measure(
    runners: dict[str, Runner], python: Path, repo: Path, pytest_args: list[str], rounds: int, timeout: float
) -> dict[str, list[Sample]]:
    """One untimed warm-up of each (bytecode caches of the environment, the file cache), then `rounds`
    rounds, the order alternating so neither side always runs on the other's heels."""
    for run in runners.values():
        run(python, repo, pytest_args, timeout)
    samples: dict[str, list[Sample]] = {name: [] for name in runners}
    for index in range(rounds):
        for name in list(runners) if index % 2 == 0 else list(reversed(runners)):
            sample = runners[name](python, repo, pytest_args, timeout)
            samples[name].append(sample)
            print(f"round {index + 1}/{rounds} {name:<6} {sample.seconds:7.2f} s", file=sys.stderr)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", default="more-itertools")
    parser.add_argument("--version", help="default: the pinned version for a known suite")
    parser.add_argument(
        "--deps", nargs="*", help="test dependencies besides pytest (default: the known suite's)"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="run only a subset of the suite (a smoke run)")
    parser.add_argument("--timeout", type=float, default=600.0, help="per run, seconds (default 600)")
    parser.add_argument("--plain-only", action="store_true", help="time plain pytest alone (no verify)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the test environment")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument("pytest_args", nargs="*", help="passed to both runs (after --)")
    args = parser.parse_args()

    known = SUITES.get(normal(args.package), Suite(""))
    version = args.version or known.version
    if not version:
        parser.error(f"--version is needed for {args.package} (known suites: {', '.join(SUITES)})")
    deps = list(known.deps if args.deps is None else args.deps)
    pytest_args = [*known.quick, *args.pytest_args] if args.quick else list(args.pytest_args)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")

    problem = None if args.plain_only else verify_available()
    if problem:
        print(f"verify_overhead: {problem}; use --plain-only to time plain pytest alone", file=sys.stderr)
        return 2
    runners = {"plain": run_plain} if args.plain_only else {"plain": run_plain, "verify": run_verify}
    try:
        with tempfile.TemporaryDirectory(prefix="verify-overhead-") as scratch:
            repo, python = prepare(args.package, version, deps, args.rebuild, Path(scratch))
            samples = measure(runners, python, repo, pytest_args, args.rounds, args.timeout)
    except BenchError as exc:
        print(f"verify_overhead: {exc}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as exc:
        command = " ".join(map(str, exc.cmd[:6]))
        print(f"verify_overhead: {command} ... failed with exit {exc.returncode}", file=sys.stderr)
        return 2
    except subprocess.TimeoutExpired as exc:
        print(f"verify_overhead: a run took longer than {exc.timeout:g} s", file=sys.stderr)
        return 2

    plain = samples["plain"]
    report: dict[str, object] = {
        "suite": f"{args.package} {version}",
        "pytest_args": pytest_args,
        "pytest": subprocess.run(
            [str(python), "-c", "import pytest; print(pytest.__version__)"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip(),
        "rounds": args.rounds,
        "plain_seconds": round(median(plain, "seconds"), 3),
        "plain_cpu_seconds": round(median(plain, "cpu_seconds"), 3),
        "plain_exit": sorted({s.status for s in plain}),
        "plain_counts": plain[-1].counts,
    }
    if "verify" in samples:
        checked = samples["verify"]
        last = checked[-1]
        inner = [s.inner_seconds for s in checked if s.inner_seconds is not None]
        ratio = median(checked, "seconds") / median(plain, "seconds")
        report.update(
            {
                "verify_seconds": round(median(checked, "seconds"), 3),
                "verify_cpu_seconds": round(median(checked, "cpu_seconds"), 3),
                "verify_reported_seconds": round(statistics.median(inner), 3) if inner else None,
                "ratio": round(ratio, 3),
                "cpu_ratio": round(median(checked, "cpu_seconds") / median(plain, "cpu_seconds"), 3),
                "meets_bar": ratio <= 1.3,
                "verdicts": sorted({s.verdict for s in checked}),
                "verify_exit": sorted({s.status for s in checked}),
                "verify_counts": last.counts,
                "counts_agree": counts_agree(plain[-1].counts, last.counts),
                # plain pytest's exit status and the verdict should tell the same story on an honest tree
                "outcome_agrees": all(
                    (s.status == 0) == (v.verdict == "pass") for s, v in zip(plain, checked, strict=True)
                ),
                "evidence": last.evidence,
            }
        )
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:>24}: {value}")
    summary = {
        k: report[k] for k in ("suite", "rounds", "plain_seconds", "verify_seconds", "ratio") if k in report
    }
    summary.update(
        {k: report[k] for k in ("meets_bar", "verdicts", "counts_agree", "outcome_agrees") if k in report}
    )
    summary["tests"] = report["plain_counts"]
    print(json.dumps(summary, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
