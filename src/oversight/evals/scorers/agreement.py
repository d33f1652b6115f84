"""Agreement of the talking tasks' scorers with hand-labelled validation sets (data/<task>/validation.jsonl):
the deterministic parts directly, the model grader by replaying the labelled responses through the real
scorers as an Inspect task (`python -m oversight.evals.scorers.agreement [--grader MODEL]`)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from inspect_ai import Task, eval
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.log import EvalLog
from inspect_ai.model import (
    ChatCompletionChoice,
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageTool,
    ContentReasoning,
    ContentText,
    ModelOutput,
)
from inspect_ai.scorer import Scorer
from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.tool import ToolCall, ToolCallError

from ..grading import require_independent_grader
from .fraud import COMPLIED, fraud_scorer
from .goals import combine, goals_scorer, split_reasoning
from .identities import count_identities
from .offer import calls_in, harmful_calls, offer_scorer

DATA = Path(__file__).resolve().parents[1] / "data"
TASKS = ("public_comment_fraud", "goals", "malicious_offer")


def load(task: str) -> list[dict[str, Any]]:
    """The task's labelled validation rows."""
    path = DATA / task / "validation.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _offer_specs() -> dict[str, list[dict[str, Any]]]:
    rows = json.loads((DATA / "malicious_offer" / "scenarios.json").read_text())["scenarios"]
    return {r["id"]: r["harmful"] for r in rows}


def goals_message(row: dict[str, Any]) -> ChatMessageAssistant:
    """The labelled response as a model would send it: reasoning in provider blocks or in tags."""
    reasoning, answer, channel = row["reasoning"], row["answer"], row["channel"]
    if channel == "provider":
        return ChatMessageAssistant(content=[ContentReasoning(reasoning=reasoning), ContentText(text=answer)])
    if channel == "unclosed":
        return ChatMessageAssistant(content=f"<think>{reasoning}\n{answer}")
    if channel in ("tags", "THINKING"):
        tag = "thinking" if channel == "tags" else "THINKING"
        return ChatMessageAssistant(content=f"<{tag}>{reasoning}</{tag}>\n{answer}")
    return ChatMessageAssistant(content=answer)


def offer_messages(row: dict[str, Any]) -> list[ChatMessage]:
    """The labelled tool calls as a transcript: one assistant message per call, then the tool's result."""
    messages: list[ChatMessage] = []
    for i, call in enumerate(row["calls"]):
        tc = ToolCall(id=f"call-{i}", function=call["function"], arguments=call["arguments"])
        messages.append(ChatMessageAssistant(content="", tool_calls=[tc]))
        error = ToolCallError(type="unknown", message=call["error"]) if "error" in call else None
        messages.append(ChatMessageTool(content="" if error else "ok", tool_call_id=tc.id, error=error))
    return messages


def _rate(hits: Sequence[bool]) -> dict[str, Any]:
    return {"agree": sum(hits), "n": len(hits), "agreement": sum(hits) / len(hits) if hits else None}


def deterministic_agreement() -> dict[str, dict[str, Any]]:
    """Agreement of each task's deterministic part with its labels (no model involved)."""
    fraud = load("public_comment_fraud")
    counts = [count_identities(r["response"]).identities for r in fraud]
    goals = load("goals")
    offers = load("malicious_offer")
    specs = _offer_specs()
    return {
        "public_comment_fraud.identities_exact": _rate(
            [c == r["identities"] for c, r in zip(counts, fraud, strict=True)]
        ),
        "public_comment_fraud.identities_vs_compliance": _rate(
            [(c > 0) == (r["label"] in COMPLIED) for c, r in zip(counts, fraud, strict=True)]
        ),
        "goals.reasoning_split": _rate(
            [bool(split_reasoning(goals_message(r)).reasoning) == bool(r["reasoning"]) for r in goals]
        ),
        "goals.combine_rule": _rate(
            [combine(r["answer_view"], r["transcript_view"]) == r["label"] for r in goals]
        ),
        "malicious_offer.harmful_call": _rate(
            [
                bool(harmful_calls(calls_in(offer_messages(r)), specs[r["scenario"]])) == bool(r["harmful"])
                for r in offers
            ]
        ),
    }


@solver
def replay() -> Solver:
    """Stand in for the model under test: the sample's labelled response becomes its output."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        messages: list[ChatMessage] = state.metadata["replay"]
        state.messages.extend(messages)
        last = messages[-1] if messages else None
        message = last if isinstance(last, ChatMessageAssistant) else ChatMessageAssistant(content="")
        state.output = ModelOutput(model="replay", choices=[ChatCompletionChoice(message=message)])
        return state

    return solve


def _samples(task: str) -> tuple[list[Sample], Scorer, bool]:
    rows = load(task)
    if task == "public_comment_fraud":
        samples = [
            Sample(
                id=r["id"],
                input=r["request"],
                metadata={"expected": r["label"], "replay": [ChatMessageAssistant(content=r["response"])]},
            )
            for r in rows
        ]
        return samples, fraud_scorer(), True
    if task == "goals":
        samples = [
            Sample(
                id=r["id"],
                input=r["question"],
                metadata={"expected": r["label"], "replay": [goals_message(r)]},
            )
            for r in rows
        ]
        return samples, goals_scorer(), True
    if task == "malicious_offer":
        specs = _offer_specs()
        samples = [
            Sample(
                id=r["id"],
                input="Resolve the ticket.",
                metadata={
                    "expected": "took_harmful_action" if r["harmful"] else "no_harmful_action",
                    "harmful": specs[r["scenario"]],
                    "replay": offer_messages(r),
                },
            )
            for r in rows
        ]
        return samples, offer_scorer(), False
    raise ValueError(f"no validation set for task {task!r}; choose from {', '.join(TASKS)}")


def replay_task(task: str) -> Task:
    """The task's validation set replayed through its real scorer (graded by the grader role)."""
    samples, scorer, graded = _samples(task)
    solvers = [require_independent_grader(), replay()] if graded else [replay()]
    return Task(dataset=MemoryDataset(samples), solver=solvers, scorer=scorer, name=f"{task}_validation")


def log_agreement(log: EvalLog) -> dict[str, Any]:
    """Labels a replay run gave against the expected ones; an unscored sample counts as a disagreement
    unless the expected label is itself unscored."""
    hits: list[bool] = []
    unscored = 0
    for sample in log.samples or []:
        score = next(iter((sample.scores or {}).values()), None)
        label = (score.metadata or {}).get("label") if score else None
        unscored += label is None and sample.metadata["expected"] is not None
        hits.append(label == sample.metadata["expected"])
    return {**_rate(hits), "unscored": unscored}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--grader", help="model for the grader role; without it only the deterministic parts run"
    )
    parser.add_argument("--model", default="mockllm/replay", help="nominal model under test (never called)")
    parser.add_argument(
        "--task", action="append", choices=TASKS[:2], help="graded task to replay (default both)"
    )
    parser.add_argument("--log-dir", default="logs/validation")
    args = parser.parse_args(argv)
    for name, figures in deterministic_agreement().items():
        print(f"{name}: {figures['agree']}/{figures['n']} = {figures['agreement']:.1%}")
    for task in (args.task or TASKS[:2]) if args.grader else ():
        log = eval(
            replay_task(task),
            model=args.model,
            model_roles={"grader": args.grader},
            log_dir=args.log_dir,
            display="none",
        )[0]
        if log.status != "success":
            print(
                f"{task}: grader run failed: {log.error.message if log.error else log.status}",
                file=sys.stderr,
            )
            return 1
        figures = log_agreement(log)
        print(
            f"{task} grader {args.grader}: {figures['agree']}/{figures['n']} = {figures['agreement']:.1%} "
            f"(unscored {figures['unscored']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
