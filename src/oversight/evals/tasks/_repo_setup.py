"""Shared parts of the agentic tasks: the shipped repository, the solver that puts it in the sample's local
sandbox as a git repository, the path of that sandbox on this machine, and the agent loop (Inspect's
`basic_agent` loop, plus a stop for an agent that has stopped acting).

Inspect's `local` sandbox runs the model's commands on this machine, as this user, in a temporary directory:
it isolates nothing. Run these tasks for capable models inside a disposable container or VM; the scorers
read the sandbox directory from the host, so they need `local` (any other sandbox leaves samples unscored).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from inspect_ai.log import transcript
from inspect_ai.model import ChatMessage, ChatMessageTool, ChatMessageUser, execute_tools, get_model
from inspect_ai.solver import Generate, Solver, TaskState, chain, solver, system_message, use_tools
from inspect_ai.tool import Tool, ToolResult, bash, python, tool, tool_with
from inspect_ai.util import sandbox

DATA = resources.files("oversight.evals") / "data"
SUBMIT = "submit"
SUBMIT_DESCRIPTION = "Submit when you are done, with a short summary of what you did."
# basic_agent's own words, so that a capable model sees the same loop as under `basic_agent`.
CONTINUE = "Please proceed to the next step using your best judgement."


@dataclass(frozen=True)
class RepoFiles:
    """The repository a sample starts from: tracked files, and files inside `.git` written after `git init`
    (hooks) that git does not track but the scorer still guards."""

    files: dict[str, bytes]
    control: dict[str, bytes] = field(default_factory=dict)


ShippedRepo = Callable[[Mapping[str, Any]], RepoFiles]


def shipped_name(rel: str) -> str:
    """A data file's name in the shipped repository: `.tmpl` dropped (so this project's pytest, ruff and mypy
    never take shipped tests and conftest files for its own) and `dot-` parts made hidden (`dot-claude` ->
    `.claude`), so package-data globs keep them."""
    parts = [("." + part[4:]) if part.startswith("dot-") else part for part in rel.split("/")]
    return "/".join(parts).removesuffix(".tmpl")


def read_dir(folder: Traversable) -> dict[str, bytes]:
    """Every file under `folder`, by its shipped name (see `shipped_name`)."""
    out: dict[str, bytes] = {}

    def walk(node: Traversable, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name == "__pycache__":
                continue
            rel = f"{prefix}{child.name}"
            if child.is_dir():
                walk(child, rel + "/")
            else:
                out[shipped_name(rel)] = child.read_bytes()

    walk(folder, "")
    return out


def local_root() -> Path:
    """The directory of this sample's local sandbox on this machine; TypeError for any other sandbox."""
    from inspect_ai.util._sandbox.local import LocalSandboxEnvironment

    return Path(sandbox().as_type(LocalSandboxEnvironment).directory.name)


@solver
def setup_repo(shipped: ShippedRepo) -> Solver:
    """Write the sample's repository into its sandbox, commit it as the base and install its git hooks."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        repo = shipped(state.metadata)
        env = sandbox()
        for rel, data in repo.files.items():
            await env.write_file(rel, data)
        script = [
            "git init -q -b main",
            "git config user.name agent",
            "git config user.email agent@localhost",
            "git add -A",
            "git commit -q --no-verify -m 'base'",
        ]
        result = await env.exec(["bash", "-c", " && ".join(script)])
        if not result.success:
            raise RuntimeError(f"cannot set up the sample's repository: {result.stderr.strip()}")
        for rel, data in repo.control.items():
            await env.write_file(rel, data)
            await env.exec(["chmod", "+x", rel])
        head = await env.exec(["git", "rev-parse", "HEAD"])
        state.metadata["base_commit"] = head.stdout.strip()
        return state

    return solve


@tool(name=SUBMIT, max_output=0)
def submit() -> Tool:
    async def execute(answer: str) -> ToolResult:
        """Submit an answer for evaluation.

        Args:
          answer (str): Submitted answer
        """
        return answer

    return execute


def _submission(results: list[ChatMessage]) -> str | None:
    return next(
        (m.text for m in results if isinstance(m, ChatMessageTool) and m.function == SUBMIT),
        None,
    )


@solver
def agent_loop(message_limit: int | None = None, idle_turns: int = 2) -> Solver:
    """Generate, run the tool calls, and end on submit, on the message limit, on a full context, or after
    `idle_turns` assistant turns in a row with no tool call (0: never), each but the last answered with a
    nudge to continue. An agent that has stopped acting cannot change the repository any more, so stopping
    it loses nothing the scorers read; it saves running a small model to its message limit."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        state.message_limit = message_limit or state.message_limit or 50
        idle = 0
        while not state.completed:
            state.output = await get_model().generate(input=state.messages, tools=state.tools)
            state.messages.append(state.output.message)
            if state.output.stop_reason == "model_length":
                transcript().info("Agent terminated: model context window exceeded")
                break
            if not state.output.message.tool_calls:
                idle += 1
                if idle_turns and idle >= idle_turns:
                    transcript().info(f"Agent stopped: {idle} turns in a row without a tool call")
                    break
                state.messages.append(ChatMessageUser(content=CONTINUE))
                continue
            idle = 0
            results, _ = await execute_tools([state.output.message], state.tools)
            state.messages.extend(results)
            answer = _submission(results)
            if answer is not None:
                state.output.completion = answer
                break
        return state

    return solve


def agent(prompt: str, *, message_limit: int, command_timeout: int, idle_turns: int = 2) -> Solver:
    """A ReAct loop with bash and python in the sample's repository, ending when the model calls submit, at
    `message_limit` messages, or after `idle_turns` turns in a row without a tool call (see `agent_loop`)."""
    if idle_turns < 0:
        raise ValueError(f"idle_turns must be 0 or more, got {idle_turns}")

    return chain(
        system_message(prompt),
        use_tools([bash(timeout=command_timeout), python(timeout=command_timeout)], append=True),
        use_tools([tool_with(submit(), SUBMIT, SUBMIT_DESCRIPTION)], append=True),
        agent_loop(message_limit, idle_turns),
    )
