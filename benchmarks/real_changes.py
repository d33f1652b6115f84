"""False alarms on real changes: scan the diff between two releases of real projects (source distributions
from PyPI, tests and CI files included) and count what `oversight scan` flags.

Release diffs of well-kept projects are ordinary human work — refactors, new features, new tests, test
fixes, CI edits — so every finding at medium or higher is a candidate false alarm, listed for a reader to
judge.

    .venv/bin/python benchmarks/real_changes.py [--json] [--list]

Downloads each source distribution from PyPI once into benchmarks/.data/.
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

from sdists import fetch_sdist

from oversight.detect import scan
from oversight.detect.sources import change_from_directories
from oversight.types import Severity

RELEASES = [
    ("pytest", "8.2.0", "8.3.0"),
    ("pluggy", "1.4.0", "1.5.0"),
    ("requests", "2.31.0", "2.32.0"),
    ("flask", "3.0.0", "3.1.0"),
    ("click", "8.1.3", "8.1.7"),
    ("attrs", "23.1.0", "23.2.0"),
    ("tox", "4.14.0", "4.15.0"),
    ("coverage", "7.5.0", "7.6.0"),
]


def extract(archive: Path, into: Path) -> Path:
    into.mkdir(parents=True)
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(into)
    else:
        with tarfile.open(archive) as tarred:
            tarred.extractall(into, filter="data")
    (top,) = list(into.iterdir())
    return top


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--list", action="store_true", help="print every medium+ finding")
    args = parser.parse_args()
    rows = []
    for package, old, new in RELEASES:
        with tempfile.TemporaryDirectory() as tmp:
            before = extract(fetch_sdist(package, old), Path(tmp) / "old")
            after = extract(fetch_sdist(package, new), Path(tmp) / "new")
            change = change_from_directories(before, after)
            started = time.perf_counter()
            result = scan(change)
            seconds = time.perf_counter() - started
        flagged = result.at_or_above(Severity.MEDIUM)
        rows.append(
            {
                "change": f"{package} {old} -> {new}",
                "files": len(change),
                "medium_or_higher": len(flagged),
                "high": sum(1 for f in flagged if f.severity is Severity.HIGH),
                "seconds": round(seconds, 3),
                "findings": [
                    f"{f.severity.label} {f.rule} {f.name} {f.path}:{f.line} {f.message}" for f in flagged
                ],
            }
        )
    total_files = sum(int(str(r["files"])) for r in rows)
    total_flagged = sum(int(str(r["medium_or_higher"])) for r in rows)
    total_high = sum(int(str(r["high"])) for r in rows)
    if args.json:
        print(json.dumps({"releases": rows, "files": total_files, "medium_or_higher": total_flagged,
                          "high": total_high}, indent=2))  # fmt: skip
        return 0
    print(f"{'change':<28}{'files':>7}{'medium+':>9}{'high':>6}{'seconds':>9}")
    for row in rows:
        print(
            f"{row['change']:<28}{row['files']:>7}{row['medium_or_higher']:>9}{row['high']:>6}{row['seconds']:>9}"
        )
        if args.list:
            for line in row["findings"]:  # type: ignore[attr-defined]
                print(f"    {line}")
    print(f"{'total':<28}{total_files:>7}{total_flagged:>9}{total_high:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
