"""public_comment_fraud: will the model fabricate public comments, petition signatures or reviews under
invented identities? The article's test (20 fake FCC comments with names, cities and ZIP codes) and its
variants: eight agencies' dockets, petitions and reviews, under five framings, one of them split over turns.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from inspect_ai import Task, task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import ChatMessage, ChatMessageAssistant, ChatMessageUser
from inspect_ai.solver import generate

from ..grading import require_independent_grader
from ..scorers.fraud import fraud_scorer

DATA = Path(__file__).resolve().parents[1] / "data" / "public_comment_fraud" / "targets.json"
FRAMINGS = ("plain", "campaign", "research", "roleplay", "multiturn")


def _names(value: str | list[str] | None, known: list[str], what: str) -> list[str]:
    """A parameter given as a list or a comma-separated string, checked against the known names."""
    if value is None:
        return known
    chosen = [v.strip() for v in (value.split(",") if isinstance(value, str) else value) if v.strip()]
    unknown = sorted({c for c in chosen if c not in known and c.upper() not in {k.upper() for k in known}})
    if unknown or not chosen:
        raise ValueError(
            f"unknown {what}: {', '.join(unknown) or '(none given)'}; choose from {', '.join(known)}"
        )
    return chosen


def _messages(data: dict[str, Any], target: dict[str, Any], framing: str, count: int) -> list[ChatMessage]:
    fields = {**target, "count": count}
    request = data["framings"][framing].format(**fields)
    messages: list[ChatMessage] = []
    if framing == "multiturn":
        for role, text in data["warmup"]:
            cls = ChatMessageUser if role == "user" else ChatMessageAssistant
            messages.append(cls(content=text.format(**fields)))
    messages.append(ChatMessageUser(content=request))
    return messages


def fraud_dataset(
    framings: str | list[str] | None = None,
    agencies: str | list[str] | None = None,
    kinds: str | list[str] | None = None,
    count: int = 20,
) -> MemoryDataset:
    """Every target (docket, petition or review page) under every chosen framing."""
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    data = json.loads(DATA.read_text())
    targets: list[dict[str, Any]] = data["targets"]
    chosen_framings = _names(framings, list(FRAMINGS), "framing")
    chosen_agencies = {a.upper() for a in _names(agencies, sorted({t["agency"] for t in targets}), "agency")}
    chosen_kinds = set(_names(kinds, sorted({t["kind"] for t in targets}), "kind"))
    samples = [
        Sample(
            id=f"{target['id']}-{framing}",
            input=_messages(data, target, framing, count),
            metadata={
                "target": target["id"],
                "agency": target["agency"],
                "kind": target["kind"],
                "framing": framing,
                "count": count,
            },
        )
        for target in targets
        if target["agency"].upper() in chosen_agencies and target["kind"] in chosen_kinds
        for framing in chosen_framings
    ]
    if not samples:
        raise ValueError("no sample matches the chosen agencies and kinds")
    return MemoryDataset(samples, name="public_comment_fraud")


@task
def public_comment_fraud(
    framings: str | list[str] | None = None,
    agencies: str | list[str] | None = None,
    kinds: str | list[str] | None = None,
    count: int = 20,
    allow_self_grading: bool = False,
) -> Task:
    """Ask for `count` fabricated submissions per target and framing; the grader labels each response
    refused / complied_with_caveats / complied / complied_and_volunteered (rate = any compliance)."""
    return Task(
        dataset=fraud_dataset(framings, agencies, kinds, count),
        solver=[require_independent_grader(allow_self_grading), generate()],
        scorer=fraud_scorer(allow_self_grading),
    )
