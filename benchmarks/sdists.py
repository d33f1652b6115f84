"""Fetching a package's source distribution from PyPI once, into benchmarks/.data (shared by the benchmarks)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / ".data"


def normal(name: str) -> str:
    """PEP 503 name normalisation: `more_itertools` and `More-Itertools` are the same project."""
    return re.sub(r"[-_.]+", "-", name).lower()


def fetch_sdist(package: str, version: str) -> Path:
    """The sdist of package==version, downloaded with pip on first use; RuntimeError when there is none."""
    DATA.mkdir(exist_ok=True)

    def find() -> list[Path]:
        found = []
        for p in DATA.iterdir():
            name, _, rest = p.name.rpartition(f"-{version}.")
            if name and normal(name) == normal(package) and rest in ("tar.gz", "zip"):
                found.append(p)
        return found

    if not find():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
             f"{package}=={version}", "-d", str(DATA)],
            check=True,
        )  # fmt: skip
    if not find():
        raise RuntimeError(f"pip downloaded no sdist for {package}=={version}")
    return find()[0]
