from pathlib import Path

from fmt.core import format_source

CASES = Path(__file__).parent / "cases"
EXPECTED = Path(__file__).parent / "expected"


def test_cases():
    for case in CASES.glob("*.py"):
        assert format_source(case.read_text()) == (EXPECTED / case.name).read_text()
