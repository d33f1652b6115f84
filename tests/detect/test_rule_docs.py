"""Every rule documents itself like a linter's rule page, with a unique id and name."""

from __future__ import annotations

import re

import pytest

from oversight.detect import all_rules
from oversight.detect.registry import FAMILIES

RULES = all_rules()
HEADINGS = ("## What it does", "## Why is this bad?", "## Example", "## Legitimate look-alike")


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_page(rule: object) -> None:
    doc = rule.doc()  # type: ignore[attr-defined]
    for heading in HEADINGS:
        assert heading in doc, f"{rule.id} lacks {heading}"  # type: ignore[attr-defined]
    assert re.fullmatch(r"OV\d{3}", rule.id)  # type: ignore[attr-defined]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)  # type: ignore[attr-defined]
    assert rule.family in FAMILIES  # type: ignore[attr-defined]


def test_every_family_has_rules() -> None:
    families = {rule.family for rule in RULES}
    assert families == set(FAMILIES)
