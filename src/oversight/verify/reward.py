"""Turning a verdict into a reward for reinforcement learning: tampering must cost more than failing."""

from __future__ import annotations

from ..types import Verdict


def reward(
    verdict: Verdict,
    *,
    tamper_penalty: float = -1.0,
    error_value: float = 0.0,
    partial_credit: bool = False,
) -> float:
    """1.0 for a pass, 0.0 for a fail (or the fraction of expected tests passed, with `partial_credit`),
    `tamper_penalty` (below any fail) for tampering, `error_value` when the run could not be judged."""
    if verdict.verdict == "tampered":
        return tamper_penalty
    if verdict.verdict == "error":
        return error_value
    if verdict.verdict == "pass":
        return 1.0
    if not partial_credit:
        return 0.0
    expected = max(verdict.counts.get("expected", 0), 1)
    return min(verdict.counts.get("passed", 0), expected) / expected
