"""oversight.evals.grading: label parsing, voting, Cohen's kappa, and classify() inside real Inspect runs with
mockllm graders bound to the grader role(s): failures are unscored, never safe; self-grading is refused."""

from __future__ import annotations

import asyncio
import math
import threading
from collections.abc import Callable
from typing import Any

import anyio
import pytest

pytest.importorskip("inspect_ai")

from inspect_ai import Task, eval
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.log import EvalLog
from inspect_ai.model import Model, ModelOutput, ModelUsage, get_model
from inspect_ai.scorer import Score, Scorer, Target, mean, scorer
from inspect_ai.solver import TaskState

from oversight.evals.grading import (
    SelfGradingError,
    classify,
    cohen_kappa,
    grader_kappa,
    majority,
    parse_label,
    rate_score_value,
    same_model,
    votes_kappa,
)

LABELS = ("bad", "meh", "good")  # most severe first


def output(text: str) -> ModelOutput:
    out = ModelOutput.from_content("mockllm", text)
    out.usage = ModelUsage(input_tokens=5, output_tokens=5, total_tokens=10)
    return out


def mock(name: str, reply: Callable[[str], str]) -> Model:
    """A mockllm model whose reply depends on the prompt's text."""
    return get_model(f"mockllm/{name}", custom_outputs=lambda msgs, *_: output(reply(msgs[-1].text)))


@scorer(metrics=[mean(), grader_kappa()])
def classify_scorer(allow_self_grading: bool = False) -> Scorer:
    async def score(state: TaskState, target: Target) -> Score:
        grade = await classify("Rate it.", state.input_text, LABELS, allow_self_grading=allow_self_grading)
        rate = None if grade.label is None else int(grade.label == "bad")
        return Score(
            value=rate_score_value(rate),
            answer=grade.label,
            metadata={"label": grade.label, "votes": grade.votes},
        )

    return score


def run(inputs: list[str], roles: dict[str, Any] | None, allow_self_grading: bool = False) -> EvalLog:
    task = Task(
        dataset=MemoryDataset([Sample(id=i, input=text) for i, text in enumerate(inputs)]),
        scorer=classify_scorer(allow_self_grading),
    )
    model = mock("model", lambda _: "whatever")
    return eval(task, model=model, model_roles=roles, display="none", log_dir="/tmp/oversight-test-logs")[0]


def labels_of(log: EvalLog) -> list[str | None]:
    assert log.samples is not None
    return [
        s.scores["classify_scorer"].metadata["label"] for s in sorted(log.samples, key=lambda s: int(s.id))
    ]


# --- parsing and voting ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reasoning...\nLABEL: bad", "bad"),
        ("**LABEL:** Good", "good"),
        ("label = `meh`.", "meh"),
        ("LABEL: good\nLABEL: good", "good"),
        ("LABEL: good\nLABEL: bad", None),  # contradictory
        ("LABEL: terrible", None),  # not a label
        ("I think it is bad.", None),  # no label line
        ("", None),
    ],
)
def test_parse_label(text: str, expected: str | None) -> None:
    assert parse_label(text, LABELS) == expected


def test_parse_label_accepts_spaces_for_underscores() -> None:
    assert (
        parse_label("LABEL: complied with caveats", ["complied_with_caveats", "refused"])
        == "complied_with_caveats"
    )


def test_majority_and_ties_go_to_the_more_severe_label() -> None:
    assert majority({"a": "good", "b": "good", "c": "bad"}, LABELS) == "good"
    assert majority({"a": "good", "b": "bad"}, LABELS) == "bad"
    assert majority({"a": None, "b": "meh"}, LABELS) == "meh"
    assert majority({"a": None, "b": None}, LABELS) is None
    assert majority({}, LABELS) is None


def test_same_model_ignores_the_provider_prefix() -> None:
    assert same_model("openai/gpt-4o", "azure/gpt-4o")
    assert not same_model("mockllm/model", "mockllm/grader")


# --- Cohen's kappa ---


def test_cohen_kappa_matches_the_hand_computed_value() -> None:
    a = ["y", "y", "n", "n", "y"]
    b = ["y", "n", "n", "n", "y"]
    # p_o = 0.8, p_e = 0.6*0.4 + 0.4*0.6 = 0.48 -> kappa = 0.32 / 0.52
    assert cohen_kappa(a, b) == pytest.approx(0.32 / 0.52)


def test_cohen_kappa_leaves_out_pairs_with_a_missing_vote() -> None:
    assert cohen_kappa(["y", None, "n", "n"], ["y", "y", "n", None]) == pytest.approx(1.0)
    assert cohen_kappa(["y", "n", "x"], ["n", "y", "x"]) == pytest.approx((1 / 3 - 1 / 3) / (1 - 1 / 3))


def test_cohen_kappa_undefined_and_degenerate_cases() -> None:
    assert cohen_kappa([None, "y"], ["n", None]) is None
    assert cohen_kappa([], []) is None
    assert cohen_kappa(["y", "y"], ["y", "y"]) == 1.0
    assert cohen_kappa(["y", "n"], ["n", "y"]) == pytest.approx(-1.0)
    with pytest.raises(ValueError):
        cohen_kappa(["y"], ["y", "n"])


def test_votes_kappa_averages_grader_pairs() -> None:
    votes = [{"g1": "y", "g2": "y"}, {"g1": "n", "g2": "n"}, {"g1": "y", "g2": "n"}, {"g1": "n", "g2": None}]
    assert votes_kappa(votes) == pytest.approx(cohen_kappa(["y", "n", "y"], ["y", "n", "n"]))
    assert votes_kappa([{"g1": "y"}]) is None


# --- classify inside Inspect runs ---


def test_a_single_grader_decides() -> None:
    log = run(
        ["ITEM-BAD", "ITEM-GOOD"],
        {"grader": mock("grader", lambda p: "LABEL: bad" if "ITEM-BAD" in p else "LABEL: good")},
    )
    assert log.status == "success"
    assert labels_of(log) == ["bad", "good"]


def test_the_grader_sees_the_rubric_material_and_labels() -> None:
    seen: list[str] = []

    def reply(prompt: str) -> str:
        seen.append(prompt)
        return "LABEL: meh"

    run(["MATERIAL-42"], {"grader": mock("grader", reply)})
    assert (
        "Rate it." in seen[0]
        and "MATERIAL-42" in seen[0]
        and "- meh" in seen[0]
        and "LABEL: <label>" in seen[0]
    )


def test_garbage_from_the_grader_is_unscored_not_safe() -> None:
    log = run(["x", "y"], {"grader": mock("grader", lambda _: "I'd rather not say.")})
    assert log.status == "success"
    assert labels_of(log) == [None, None]
    assert log.samples is not None
    assert all(math.isnan(s.scores["classify_scorer"].value) for s in log.samples)  # type: ignore[arg-type]
    assert log.results is not None
    assert log.results.scores[0].unscored_samples == 2


def test_a_grader_that_errors_casts_no_vote() -> None:
    def boom(_: str) -> str:
        raise RuntimeError("provider down")

    log = run(["x"], {"grader": mock("grader", boom), "grader_2": mock("grader-b", lambda _: "LABEL: good")})
    assert log.status == "success"
    assert log.samples is not None
    meta = log.samples[0].scores["classify_scorer"].metadata
    assert meta["votes"] == {"mockllm/grader": None, "mockllm/grader-b": "good"}
    assert meta["label"] == "good"


def test_a_grader_that_times_out_casts_no_vote() -> None:
    async def slow(*_: Any) -> ModelOutput:
        await anyio.sleep(30)
        return output("LABEL: good")

    @scorer(metrics=[mean()])
    def quick() -> Scorer:
        async def score(state: TaskState, target: Target) -> Score:
            grade = await classify("Rate it.", state.input_text, LABELS, timeout_s=0.5)
            return Score(value=rate_score_value(None), metadata={"label": grade.label, "votes": grade.votes})

        return score

    task = Task(dataset=MemoryDataset([Sample(input="x")]), scorer=quick())
    roles = {"grader": get_model("mockllm/slow", custom_outputs=slow)}
    log = eval(
        task,
        model=mock("model", lambda _: "x"),
        model_roles=roles,
        display="none",
        log_dir="/tmp/oversight-test-logs",
    )[0]
    assert log.status == "success" and log.samples is not None
    assert log.samples[0].scores["quick"].metadata == {"label": None, "votes": {"mockllm/slow": None}}


def test_three_graders_vote_and_their_kappa_is_reported() -> None:
    def g1(p: str) -> str:
        return "LABEL: bad" if "ITEM-BAD" in p else "LABEL: good"

    def g2(p: str) -> str:
        return "LABEL: bad" if "ITEM-BAD" in p or "ITEM-ODD" in p else "LABEL: good"

    inputs = ["ITEM-BAD-1", "ITEM-GOOD", "ITEM-ODD", "ITEM-BAD-2"]
    roles = {"grader": [mock("g1", g1), mock("g2", g2)], "grader_2": mock("g3", g1)}
    log = run(inputs, roles)
    assert labels_of(log) == ["bad", "good", "good", "bad"]  # odd: g2 says bad, g1 and g3 good
    a = ["bad", "good", "good", "bad"]
    b = ["bad", "good", "bad", "bad"]
    expected = (cohen_kappa(a, b)  # g1-g2
                + cohen_kappa(a, a)  # g1-g3
                + cohen_kappa(b, a)) / 3  # fmt: skip  # type: ignore[operator]
    assert log.results is not None
    assert log.results.scores[0].metrics["grader_kappa"].value == pytest.approx(expected)


def test_self_grading_is_refused() -> None:
    log = run(["x"], None)  # no grader role: the grader would be the model under test
    assert log.status == "error"
    assert log.error is not None and "SelfGradingError" in log.error.message
    log = run(["x"], {"grader": mock("model", lambda _: "LABEL: good")})
    assert log.status == "error" and log.error is not None and "model under test" in log.error.message


def test_self_grading_when_allowed() -> None:
    log = run(["x"], {"grader": mock("model", lambda _: "LABEL: meh")}, allow_self_grading=True)
    assert log.status == "success"
    assert labels_of(log) == ["meh"]


def test_classify_outside_a_run_refuses_the_model_under_test(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    grader = mock("model", lambda p: asked.append(p) or "LABEL: good")  # type: ignore[func-returns-value]
    monkeypatch.setenv("INSPECT_EVAL_MODEL", "mockllm/model")
    monkeypatch.setattr("oversight.evals.grading.grader_models", lambda: [("grader", grader)])
    with pytest.raises(SelfGradingError):
        _in_a_fresh_context(lambda: asyncio.run(classify("r", "m", LABELS)))
    assert asked == []


def _in_a_fresh_context(call: Callable[[], object]) -> None:
    """Run `call` in a new thread, which starts with empty context variables: an eval run earlier in this
    process leaves Inspect's active model set in the main thread's context."""
    raised: list[BaseException] = []

    def target() -> None:
        try:
            call()
        except BaseException as exc:
            raised.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if raised:
        raise raised[0]
