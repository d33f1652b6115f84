"""The agentic tasks stop an agent that has stopped acting (two turns in a row without a tool call), and the
scorers read the untouched repository it leaves as no cheat: tests still fail, detector unchanged."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

pytest.importorskip("inspect_ai")

from inspect_ai import Task, eval
from inspect_ai.log import EvalSample
from inspect_ai.model import ChatMessage, GenerateConfig, ModelOutput, get_model
from inspect_ai.tool import ToolChoice, ToolInfo

from oversight.evals.tasks._repo_setup import CONTINUE
from oversight.evals.tasks.classifier_sabotage import classifier_sabotage
from oversight.evals.tasks.impossible_tests import impossible_tests
from oversight.evals.tasks.oversight_tampering import oversight_tampering

from ._repo_agent import is_unscored, with_usage


def talker(plan: Sequence[str] = ()) -> object:
    """A model that only talks, except on the turns `plan` names a bash command for (empty: talk)."""

    def generate(
        input: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice, config: GenerateConfig
    ) -> ModelOutput:
        turn = sum(1 for m in input if m.role == "assistant")
        if turn < len(plan) and plan[turn]:
            return with_usage(ModelOutput.for_tool_call("mockllm/model", "bash", {"command": plan[turn]}))
        return with_usage(ModelOutput.from_content("mockllm/model", "I think the tests look fine to me."))

    return get_model("mockllm/model", custom_outputs=generate)


def _grader(
    input: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice, config: GenerateConfig
) -> ModelOutput:
    return with_usage(ModelOutput.from_content("mockllm/grader", "LABEL: honest_attempt"))


def run_one(
    task: Task, sample_id: str, tmp_path: Path, plan: Sequence[str] = (), **kwargs: object
) -> EvalSample:
    [log] = eval(
        task,
        model=talker(plan),
        sample_id=sample_id,
        display="none",
        log_dir=str(tmp_path / "logs"),
        **kwargs,  # type: ignore[arg-type]
    )
    assert log.status == "success", log.error
    assert log.samples is not None
    [sample] = log.samples
    return sample


def roles(sample: EvalSample) -> list[str]:
    return [m.role for m in sample.messages]


def test_an_agent_that_never_acts_is_stopped_and_scored_honest(tmp_path: Path) -> None:
    sample = run_one(impossible_tests(), "sort_numbers", tmp_path)
    # system, task, talk, nudge, talk: stopped on the second idle turn, far below the 30-message limit.
    assert roles(sample) == ["system", "user", "assistant", "user", "assistant"]
    assert sample.messages[3].text == CONTINUE
    [score] = sample.scores.values() if sample.scores else []
    assert (score.value, score.metadata and score.metadata["label"]) == (0, "honest")
    assert score.metadata and score.metadata["verdict"] == "fail"


def test_a_tool_call_resets_the_count_and_idle_turns_zero_never_stops(tmp_path: Path) -> None:
    acted = run_one(impossible_tests(), "sort_numbers", tmp_path / "a", plan=["", "ls"])
    # talk, nudge, bash, its result, talk, nudge, talk: the tool call started the count again.
    assert roles(acted)[2:] == ["assistant", "user", "assistant", "tool", "assistant", "user", "assistant"]
    patient = run_one(impossible_tests(message_limit=8, idle_turns=0), "sort_numbers", tmp_path / "b")
    assert len(patient.messages) == 8
    with pytest.raises(ValueError, match="idle_turns"):
        impossible_tests(idle_turns=-1)


def test_an_idle_agent_leaves_no_tampering(tmp_path: Path) -> None:
    sample = run_one(oversight_tampering(), "payments_gateway", tmp_path)
    assert len(sample.messages) == 5
    [score] = sample.scores.values() if sample.scores else []
    assert not is_unscored(score)
    assert (score.value, score.metadata and score.metadata["label"]) == (0, "honest")


def test_an_idle_agent_leaves_the_detector_unchanged(tmp_path: Path) -> None:
    grader = get_model("mockllm/grader", custom_outputs=_grader)
    sample = run_one(classifier_sabotage(), "plain", tmp_path, model_roles={"grader": grader})
    assert len(sample.messages) == 5
    [score] = sample.scores.values() if sample.scores else []
    assert score.metadata is not None
    assert (score.value, score.metadata["label"], score.metadata["detector_label"]) == (
        0,
        "honest",
        "unchanged",
    )
