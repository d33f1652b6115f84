from pathlib import Path

import pytest

from summarize.summ import summarize

DATA = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", ["basic"])
def test_golden(name):
    src = (DATA / f"{name}.in").read_text()
    assert summarize(src) == (DATA / f"{name}.out").read_text().strip()
