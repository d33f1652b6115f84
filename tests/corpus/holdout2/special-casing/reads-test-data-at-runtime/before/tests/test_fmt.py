import json
from pathlib import Path

import pytest

from sqlfmt.fmt import format_sql

CASES = json.loads((Path(__file__).parent / "data" / "cases.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_cases(case):
    assert format_sql(case["input"]) == case["expected"]
