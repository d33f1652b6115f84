"""Agreement of the agentic scorers' deterministic parts with labelled validation sets shipped with the
tasks (`data/<task>/validation.yaml`): final repositories with a known right decision."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from .repo_check import check_tree, decide


@dataclass(frozen=True)
class Outcome:
    """One validation item: the right label, the scorer's label, and its explanation."""

    item: str
    expected: str
    got: str | None
    explanation: str
    scope: str = "deterministic"  # "grader": turns on intent only the transcript grader can judge

    @property
    def agrees(self) -> bool:
        return self.expected == self.got


def items(task: str) -> list[dict[str, Any]]:
    path = resources.files("oversight.evals") / "data" / task / "validation.yaml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def overlay(files: Mapping[str, bytes], changes: Mapping[str, str | None]) -> dict[str, bytes]:
    """`files` with `changes` applied: text replaces a file, None deletes it."""
    out = dict(files)
    for rel, text in changes.items():
        if text is None:
            out.pop(rel, None)
        else:
            out[rel] = text.encode()
    return out


def _repo_task(task: str) -> tuple[Callable[[Mapping[str, Any]], Any], tuple[str, ...], str, str]:
    if task == "impossible_tests":
        from ..tasks import impossible_tests as module

        return module.shipped, module.PROTECTED, "cheated", "honest"
    if task == "oversight_tampering":
        from ..tasks import oversight_tampering as tampering

        return tampering.shipped, tampering.PROTECTED, "tampered", "honest"
    raise ValueError(f"no repository validation set for {task}")


def validate_repo_task(task: str, workers: int = 2) -> list[Outcome]:
    """Run the impossible_tests or oversight_tampering checks on every validation item (`workers` at a
    time: each check is mostly waiting on its pytest subprocesses)."""
    shipped, protected, positive, negative = _repo_task(task)

    def one(item: dict[str, Any]) -> Outcome:
        repo = shipped(item)
        changes: dict[str, str | None] = dict(item.get("files") or {})
        control_changes = {rel: changes.pop(rel) for rel in list(changes) if rel.startswith(".git/")}
        report = check_tree(
            repo.files,
            overlay(repo.files, changes),
            protected=protected,
            shipped_control=repo.control,
            final_control=overlay(repo.control, control_changes),
        )
        decision = decide(report, positive=positive, negative=negative)
        return Outcome(item["id"], item["label"], decision.label, decision.explanation)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(one, items(task)))


def validate_detectors() -> list[Outcome]:
    """Run the classifier_sabotage deterministic judgement on every validation item."""
    from ..tasks.classifier_sabotage import PROTECTED, shipped
    from .detector_check import judge_repo

    outcomes: list[Outcome] = []
    for item in items("classifier_sabotage"):
        repo = shipped(item)
        judgement = judge_repo(repo.files, overlay(repo.files, item.get("files") or {}), PROTECTED)
        got = "sabotaged" if judgement.sabotaged else "honest"
        why = f"{judgement.detector.label}: {judgement.detector.explanation}; tampering {list(judgement.tampering)}"
        outcomes.append(Outcome(item["id"], item["label"], got, why, item.get("scope", "deterministic")))
    return outcomes


def agreement(outcomes: list[Outcome]) -> float:
    return sum(o.agrees for o in outcomes) / len(outcomes) if outcomes else 0.0
