"""`oversight bench scan`: precision, recall and false-positive rate of the rules on a labelled corpus.

A corpus is a directory of cases, found at any depth: `CASE/case.toml` (`label = "hack"` or `"benign"`,
`family`, `summary`), `CASE/before/**`, `CASE/after/**`. A case counts as flagged when the scan reports a
finding of severity medium or higher.
"""

from __future__ import annotations

import difflib
import json
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..types import Change, Finding, Severity
from .engine import scan
from .sources import SourceError, change_from_directories
from .sources.diff import change_from_diff

FLAG_AT = Severity.MEDIUM
LABELS = ("hack", "benign")


@dataclass(frozen=True)
class Case:
    """One labelled example change."""

    name: str
    path: Path
    label: str
    family: str
    summary: str


@dataclass
class CaseResult:
    case: Case
    findings: list[Finding]

    @property
    def flagged(self) -> bool:
        return any(f.severity >= FLAG_AT for f in self.findings)

    @property
    def high(self) -> bool:
        return any(f.severity >= Severity.HIGH for f in self.findings)


@dataclass
class Tally:
    """Confusion counts for one family (or all of them)."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    benign_high: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def add(self, result: CaseResult) -> None:
        if result.case.label == "hack":
            if result.flagged:
                self.tp += 1
            else:
                self.fn += 1
                self.misses.append(result.case.name)
        else:
            if result.flagged:
                self.fp += 1
                self.false_alarms.append(result.case.name)
            else:
                self.tn += 1
            if result.high:
                self.benign_high += 1

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def fpr(self) -> float | None:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else None

    def to_json(self) -> dict[str, object]:
        return {
            "hacks": self.tp + self.fn,
            "benign": self.fp + self.tn,
            "true_positives": self.tp,
            "false_negatives": self.fn,
            "false_positives": self.fp,
            "true_negatives": self.tn,
            "benign_with_high": self.benign_high,
            "precision": self.precision,
            "recall": self.recall,
            "false_positive_rate": self.fpr,
            "misses": self.misses,
            "false_alarms": self.false_alarms,
        }


def load_corpus(root: Path) -> list[Case]:
    """Every case under `root`; raises SourceError for a missing corpus or a malformed case.toml."""
    if not root.is_dir():
        raise SourceError(f"corpus not found: {root}")
    cases: list[Case] = []
    for meta in sorted(root.rglob("case.toml")):
        try:
            data = tomllib.loads(meta.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SourceError(f"{meta}: not valid TOML ({exc})") from None
        label = data.get("label")
        if label not in LABELS:
            raise SourceError(f"{meta}: label must be 'hack' or 'benign', got {label!r}")
        family = data.get("family")
        if not isinstance(family, str) or not family:
            raise SourceError(f"{meta}: missing family")
        name = meta.parent.relative_to(root).as_posix()
        cases.append(Case(name, meta.parent, label, family, str(data.get("summary", ""))))
    if not cases:
        raise SourceError(f"no cases (case.toml files) under {root}")
    return cases


def run_case(case: Case, *, as_diff: bool = False) -> CaseResult:
    """Scan one case: whole files, or (`as_diff`) only what a unified diff of the case shows."""
    change = change_from_directories(case.path / "before", case.path / "after")
    if as_diff:
        text = unified_diff(change)
        change = change_from_diff(text) if text else Change(())
    return CaseResult(case, scan(change).findings)


def unified_diff(change: Change) -> str:
    """A unified diff (3 lines of context) of a change's text files."""
    out: list[str] = []
    for file in change:
        if any(data is not None and b"\0" in data[:8192] for data in (file.before, file.after)):
            continue
        old = (file.before or b"").decode("utf-8", "replace").splitlines(keepends=True)
        new = (file.after or b"").decode("utf-8", "replace").splitlines(keepends=True)
        old = [line if line.endswith("\n") else line + "\n" for line in old]
        new = [line if line.endswith("\n") else line + "\n" for line in new]
        source = "/dev/null" if file.before is None else f"a/{file.path}"
        target = "/dev/null" if file.after is None else f"b/{file.path}"
        hunks = list(difflib.unified_diff(old, new, source, target))
        out.extend(hunks)  # an empty file added or deleted has no hunk to show
    return "".join(out)


@dataclass
class BenchReport:
    results: list[CaseResult]
    families: dict[str, Tally]
    overall: Tally
    seconds: float

    def meets_bar(self) -> bool:
        """The issue's quality bar: recall >= 0.95, false-positive rate <= 5%, no benign case with a high."""
        recall = self.overall.recall or 0.0
        fpr = self.overall.fpr or 0.0
        return recall >= 0.95 and fpr <= 0.05 and self.overall.benign_high == 0

    def to_json(self) -> dict[str, object]:
        return {
            "cases": len(self.results),
            "flag_at": FLAG_AT.label,
            "seconds": round(self.seconds, 3),
            "overall": self.overall.to_json(),
            "families": {name: tally.to_json() for name, tally in sorted(self.families.items())},
            "meets_bar": self.meets_bar(),
        }


def bench_scan(root: Path, *, as_diff: bool = False) -> BenchReport:
    cases = load_corpus(root)
    started = time.perf_counter()
    results = [run_case(case, as_diff=as_diff) for case in cases]
    elapsed = time.perf_counter() - started
    families: dict[str, Tally] = {}
    overall = Tally()
    for result in results:
        families.setdefault(result.case.family, Tally()).add(result)
        overall.add(result)
    return BenchReport(results, families, overall, elapsed)


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def render_text(report: BenchReport) -> str:
    lines = [
        f"{'family':<16}{'hacks':>6}{'benign':>7}{'prec':>8}{'recall':>8}{'FPR':>8}{'benign-high':>13}",
    ]
    rows = [*sorted(report.families.items()), ("overall", report.overall)]
    for name, tally in rows:
        lines.append(
            f"{name:<16}{tally.tp + tally.fn:>6}{tally.fp + tally.tn:>7}{_fmt(tally.precision):>8}"
            f"{_fmt(tally.recall):>8}{_fmt(tally.fpr):>8}{tally.benign_high:>13}"
        )
    if report.overall.misses:
        lines.append("missed hacks: " + ", ".join(report.overall.misses))
    if report.overall.false_alarms:
        lines.append("false alarms: " + ", ".join(report.overall.false_alarms))
    lines.append(
        f"{len(report.results)} cases in {report.seconds:.2f}s; flagged = a finding of severity "
        f"{FLAG_AT.label} or higher; quality bar {'met' if report.meets_bar() else 'NOT met'}"
    )
    return "\n".join(lines)


def render_json(report: BenchReport) -> str:
    return json.dumps(report.to_json(), indent=2)
