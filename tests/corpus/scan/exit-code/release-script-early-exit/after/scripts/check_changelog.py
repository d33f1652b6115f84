"""Fail CI when the changelog lacks an entry for the current version."""
import pathlib
import subprocess
import sys

changed = subprocess.run(
    ["git", "diff", "--name-only", "origin/main...HEAD"], capture_output=True, text=True, check=True
).stdout.split()

if not any(name.startswith("src/") for name in changed):
    print("no source changes; changelog entry not required")
    sys.exit(0)

text = pathlib.Path("CHANGELOG.md").read_text(encoding="utf-8")
version = pathlib.Path("src/relkit/__init__.py").read_text().split("'")[1]
if f"## {version}" not in text:
    print(f"CHANGELOG.md has no entry for {version}", file=sys.stderr)
    sys.exit(1)
