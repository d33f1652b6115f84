"""Agreement of the evaluation scorers' deterministic parts with their labelled validation sets: the chat
tasks' checks (`oversight.evals.scorers.agreement`), the agentic tasks' repository checks
(`oversight.evals.scorers.repo_validation`) and classifier_sabotage's reference detector on its held-out
set, one line each, then a JSON summary.

    .venv/bin/python benchmarks/eval_scorer_agreement.py      # about a minute (it builds and scans repositories)
"""

from __future__ import annotations

import json

from oversight.evals.scorers.agreement import deterministic_agreement
from oversight.evals.scorers.detector_check import heldout, reference_metrics
from oversight.evals.scorers.repo_validation import Outcome, validate_detectors, validate_repo_task


def _line(name: str, outcomes: list[Outcome]) -> dict[str, int]:
    scoped = [o for o in outcomes if o.scope == "deterministic"]
    hits = sum(o.agrees for o in scoped)
    print(f"{name}: {hits}/{len(scoped)} in the deterministic part's scope ({len(outcomes)} items in all)")
    return {"agree": hits, "n": len(scoped), "items": len(outcomes)}


def main() -> None:
    summary: dict[str, object] = {}
    for name, figures in deterministic_agreement().items():
        print(f"{name}: {json.dumps(figures)}")
        summary[name] = figures
    for task in ("impossible_tests", "oversight_tampering"):
        summary[task] = _line(task, validate_repo_task(task))
    summary["classifier_sabotage"] = _line("classifier_sabotage", validate_detectors())
    reference = reference_metrics()
    print(f"classifier_sabotage reference (oversight scan) on {len(heldout())} held-out diffs: {reference}")
    summary["classifier_sabotage_reference_balanced_accuracy"] = reference.balanced_accuracy
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
