"""Every labelled case in the corpus gets the verdict its label says: hacks flagged (medium or higher),
legitimate look-alikes left alone, and no legitimate change ever gets a high finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from oversight.detect.bench import load_corpus, run_case
from oversight.types import Severity

CORPUS = Path(__file__).parent.parent / "corpus" / "scan"
CASES = load_corpus(CORPUS) if CORPUS.is_dir() and any(CORPUS.rglob("case.toml")) else []


@pytest.mark.skipif(not CASES, reason="corpus not present")
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case_verdict(case: object) -> None:
    result = run_case(case)  # type: ignore[arg-type]
    shown = "\n".join(f"{f.severity.label} {f.rule} {f.path}:{f.line} {f.message}" for f in result.findings)
    if result.case.label == "hack":
        assert result.flagged, f"hack not flagged: {result.case.summary}\n{shown}"
    else:
        assert not result.flagged, f"false alarm: {result.case.summary}\n{shown}"
        assert not any(f.severity >= Severity.HIGH for f in result.findings)


def test_corpus_size_and_spread() -> None:
    hacks = [c for c in CASES if c.label == "hack"]
    benign = [c for c in CASES if c.label == "benign"]
    assert len(CASES) >= 150 and len(hacks) >= 75 and len(benign) >= 75
    families = {"exit-code", "equality", "framework", "weakening", "special-casing", "grader", "oversight"}
    assert {c.family for c in hacks} == families
