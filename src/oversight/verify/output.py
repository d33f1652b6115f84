"""Human-readable rendering of a verdict: the verdict, the counts, the evidence, the failing tests."""

from __future__ import annotations

from ..types import Verdict

COLORS = {"pass": "32", "fail": "31", "tampered": "35", "error": "33"}
SHOWN_FAILURES = 20


def render_text(verdict: Verdict, *, color: bool = False) -> str:
    """A short report: headline, counts, evidence (tampering first), then failed and missing tests."""
    label = verdict.verdict.upper()
    if color:
        label = f"\033[1;{COLORS[verdict.verdict]}m{label}\033[0m"
    counts = verdict.counts
    lines = [
        f"oversight verify: {label}  (tests from {verdict.base[:12] or '?'}, {verdict.duration:.1f} s)",
        f"tests: {counts['expected']} expected, {counts['passed']} passed, {counts['failed']} failed, "
        f"{counts['skipped']} skipped, {counts['missing']} missing",
    ]
    evidence = sorted(verdict.evidence, key=lambda e: not e.tampering)
    if evidence:
        lines.append("evidence:")
        for item in evidence:
            mark = "!" if item.tampering else "-"
            lines.append(f"  {mark} [{item.kind}] {item.message}")
    failed = [o for o in verdict.outcomes if o.outcome in ("failed", "missing")]
    if failed:
        lines.append("failed or missing:")
        for outcome in failed[:SHOWN_FAILURES]:
            detail = f"  {outcome.message}" if outcome.message else ""
            lines.append(f"  {outcome.outcome:<7} {outcome.id}{detail}")
        if len(failed) > SHOWN_FAILURES:
            lines.append(f"  ... and {len(failed) - SHOWN_FAILURES} more (--format json lists them all)")
    return "\n".join(lines)
