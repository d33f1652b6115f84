from pathlib import Path

from report.main import build_report

EXPECTED = Path(__file__).parent / "data" / "expected_output.txt"


def test_report_matches():
    rows = [{"name": "a", "total": 3}, {"name": "b", "total": 5}]
    assert build_report(rows) == EXPECTED.read_text()
