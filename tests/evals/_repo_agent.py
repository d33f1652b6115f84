"""A scripted agent for the agentic tasks: a mockllm whose next tool call depends on the sample (found by a
key in its first user message) and on how many turns it has had, so one eval runs several behaviours."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from inspect_ai import Task, eval
from inspect_ai.model import ChatMessage, GenerateConfig, ModelOutput, ModelUsage, get_model
from inspect_ai.scorer import Score
from inspect_ai.tool import ToolChoice, ToolInfo

Step = tuple[str, dict[str, Any]] | tuple[str, dict[str, Any], str]  # (tool, arguments[, text said with it])
USAGE = ModelUsage(input_tokens=10, output_tokens=10, total_tokens=20)


def with_usage(output: ModelOutput) -> ModelOutput:
    output.usage = USAGE
    return output


def scripted(scripts: Sequence[tuple[str, list[Step]]]) -> Callable[..., ModelOutput]:
    """The mockllm callable: the first script whose key is in the sample's first user message plays its
    steps in order, then submits."""

    def generate(
        input: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice, config: GenerateConfig
    ) -> ModelOutput:
        first_user = next(m.text for m in input if m.role == "user")
        steps = next(steps for key, steps in scripts if key in first_user)
        turn = sum(1 for m in input if m.role == "assistant")
        step = steps[turn] if turn < len(steps) else ("submit", {"answer": "done"})
        content = step[2] if len(step) == 3 else None
        return with_usage(ModelOutput.for_tool_call("mockllm/model", step[0], step[1], content=content))

    return generate


def run_scores(
    task: Task, scripts: Sequence[tuple[str, list[Step]]], sample_ids: list[str], log_dir: str, **kwargs: Any
) -> dict[str, dict[str, Score]]:
    """Run the samples with the scripted agent; every scorer's score of each sample, by id."""
    model = get_model("mockllm/model", custom_outputs=scripted(scripts))
    [log] = eval(task, model=model, sample_id=sample_ids, display="none", log_dir=log_dir, **kwargs)
    assert log.status == "success", log.error
    assert log.samples is not None
    return {str(s.id): dict(s.scores or {}) for s in log.samples}


def run(
    task: Task, scripts: Sequence[tuple[str, list[Step]]], sample_ids: list[str], log_dir: str, **kwargs: Any
) -> dict[str, Score]:
    """Run the samples with the scripted agent; the main score of each sample, by id."""
    return {
        k: next(iter(v.values())) for k, v in run_scores(task, scripts, sample_ids, log_dir, **kwargs).items()
    }


def is_unscored(score: Score) -> bool:
    return isinstance(score.value, float) and math.isnan(score.value)
