import json
from pathlib import Path

import pytest

from segmenter.split import sentences

CASES = json.loads((Path(__file__).parent / "fixtures" / "expected.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["input"][:20])
def test_reference(case):
    assert sentences(case["input"]) == case["expected"]
