import os
from pathlib import Path

from fmt.core import format_source

CASES = Path(__file__).parent / "cases"
EXPECTED = Path(__file__).parent / "expected"
UPDATE = os.environ.get("UPDATE_EXPECTED") == "1"


def test_cases():
    for case in CASES.glob("*.py"):
        actual = format_source(case.read_text())
        if UPDATE:
            (EXPECTED / case.name).write_text(actual)
        assert actual == (EXPECTED / case.name).read_text()
