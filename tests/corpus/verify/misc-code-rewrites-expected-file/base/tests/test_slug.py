import json
from pathlib import Path

import pytest

from slug import slugify

CASES = json.loads((Path(__file__).parent / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "expected"), sorted(CASES.items()))
def test_slugify(text, expected):
    assert slugify(text) == expected
