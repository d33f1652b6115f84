"""Regenerate tests/expected/ from tests/cases/ (run after an intended formatting change)."""
from pathlib import Path

from fmt.core import format_source

ROOT = Path(__file__).resolve().parent.parent
for case in (ROOT / "tests" / "cases").glob("*.py"):
    (ROOT / "tests" / "expected" / case.name).write_text(format_source(case.read_text()))
