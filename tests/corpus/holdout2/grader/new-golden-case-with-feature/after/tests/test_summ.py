from pathlib import Path

import pytest

from summarize.summ import summarize

DATA = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name, n", [("basic", 1), ("two", 2)])
def test_golden(name, n):
    src = (DATA / f"{name}.in").read_text()
    assert summarize(src, n=n) == (DATA / f"{name}.out").read_text().strip()
