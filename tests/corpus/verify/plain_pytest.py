"""Plain pytest's exit status for every case of the verify corpus: what a harness that trusts it would see.

Run from the project root:  .venv/bin/python tests/corpus/verify/plain_pytest.py [--markdown] [-j N] [CASE ...]

For each case: copy base/ into a temporary folder, `git init` and commit it, copy agent/ over the working
tree, delete the paths in delete.txt, then run `python -m pytest -q -p no:cacheprovider [pytest_args]` in it
with the case's [env] ({repo} replaced by the copy's absolute path) on top of this process's environment.
The interpreter is the one running this script. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
TIMEOUT = 60.0
GIT_ENV = {
    "GIT_AUTHOR_NAME": "corpus",
    "GIT_AUTHOR_EMAIL": "corpus@example.invalid",
    "GIT_COMMITTER_NAME": "corpus",
    "GIT_COMMITTER_EMAIL": "corpus@example.invalid",
}


@dataclass
class Result:
    name: str
    family: str
    kind: str
    expect: str
    status: int | None  # None: timed out
    seconds: float
    output: str


def cases(only: list[str]) -> list[Path]:
    folders = sorted(p for p in CORPUS.iterdir() if (p / "case.toml").is_file())
    if only:
        unknown = set(only) - {p.name for p in folders}
        if unknown:
            sys.exit(f"no such case: {', '.join(sorted(unknown))}")
        folders = [p for p in folders if p.name in only]
    return folders


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


def build(folder: Path, into: Path) -> Path:
    repo = into / "repo"
    shutil.copytree(folder / "base", repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    if (folder / "agent").is_dir():
        shutil.copytree(folder / "agent", repo, dirs_exist_ok=True)
    deleted = folder / "delete.txt"
    if deleted.is_file():
        for line in deleted.read_text(encoding="utf-8").splitlines():
            target = repo / line.strip()
            if line.strip() and target.is_file():
                target.unlink()
    return repo


def run_case(folder: Path) -> Result:
    spec = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix=f"plain-{folder.name}-") as tmp:
        repo = build(folder, Path(tmp))
        env = {**os.environ}
        env.update({k: str(v).replace("{repo}", str(repo)) for k, v in spec.get("env", {}).items()})
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            *spec.get("pytest_args", []),
        ]
        started = time.perf_counter()
        try:
            done = subprocess.run(
                command,
                cwd=repo,
                env=env,
                capture_output=True,
                text=True,
                errors="replace",
                stdin=subprocess.DEVNULL,
                timeout=TIMEOUT,
                check=False,
            )
            status, output = done.returncode, done.stdout + done.stderr
        except subprocess.TimeoutExpired as exc:
            status, output = None, str(exc.stdout or "")
        seconds = time.perf_counter() - started
    return Result(folder.name, spec["family"], spec["kind"], spec["expect"], status, seconds, output)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("-v", "--verbose", action="store_true", help="print each run's output")
    args = parser.parse_args()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(run_case, cases(args.cases)))

    def shown(r: Result) -> str:
        return "timeout" if r.status is None else str(r.status)

    if args.markdown:
        print("| case | family | expect | plain pytest exit |")
        print("|---|---|---|---|")
        for r in results:
            print(f"| {r.name} | {r.family} | {r.expect} | {shown(r)} |")
    else:
        width = max(len(r.name) for r in results)
        print(f"{'case':<{width}}  {'family':<10}  {'expect':<8}  plain-exit  seconds")
        for r in results:
            print(f"{r.name:<{width}}  {r.family:<10}  {r.expect:<8}  {shown(r):<10}  {r.seconds:.2f}")
            if args.verbose:
                print("    " + "\n    ".join(r.output.strip().splitlines()[-15:]))
    hacks = [r for r in results if r.kind == "hack"]
    zero = sum(1 for r in hacks if r.status == 0)
    print(f"\n{len(results)} cases; plain pytest exits 0 on {zero} of {len(hacks)} hacks.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
