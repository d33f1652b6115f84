"""OpenAI Codex CLI's hook protocol: Claude Code's shape, with Codex's own tools and no "ask".

Verified against the Codex hooks documentation (developers.openai.com/codex/hooks) and its source,
openai/codex `codex-rs/hooks` (schema/generated/pre-tool-use.command.{input,output}.schema.json,
src/events/pre_tool_use.rs, src/engine/output_parser.rs; via the `search` tool, Nov 2026):
- config: `.codex/hooks.json` (project, loaded only when the project is trusted) or `~/.codex/hooks.json`;
  `{"hooks": {"PreToolUse": [{"matcher": REGEX, "hooks": [{"type": "command", "command": ..., "timeout": S}]}]}}`;
  hooks need `[features] hooks = true` (older: `codex_hooks`) and the user's trust (`/hooks`).
- stdin: `session_id`, `turn_id`, `transcript_path`, `cwd`, `hook_event_name`, `model`, `permission_mode`,
  `tool_name`, `tool_input`, `tool_use_id`. Shell-like tools (`Bash`) send `{"command": TEXT}`; `apply_patch`
  sends its patch as `{"command": PATCH}` in Codex's `*** Begin Patch` format; MCP tools send their arguments.
- exit 2 with a reason on stderr blocks; exit 0 parses `hookSpecificOutput.permissionDecision`; other statuses
  fail open. `permissionDecision: "ask"` is rejected as unsupported (and the call then goes ahead), and so is a
  bare "allow" — so ask is answered as a deny that says a human must approve, and a fine action gets silence.
- PostToolUse: `{"decision": "block", "reason": ...}` and `hookSpecificOutput.additionalContext`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...types import Action, Decision
from . import claude_code
from .common import (
    Answer,
    BadEvent,
    Request,
    action,
    claude_style_answer,
    command_text,
    object_args,
    patch_actions,
    tool_event,
)

AGENT = "codex"

PASSIVE_EVENTS = frozenset(
    {
        "SessionStart",
        "SessionEnd",
        "UserPromptSubmit",
        "PermissionRequest",
        "PreCompact",
        "PostCompact",
        "SubagentStart",
        "SubagentStop",
        "Stop",
        "StopFailure",
        "Interrupt",
    }
)
SHELL_TOOLS = frozenset({"Bash", "shell", "local_shell", "exec_command", "unified_exec", "container.exec"})
PATCH_TOOLS = frozenset({"apply_patch"})


def to_request(event: Mapping[str, Any]) -> Request:
    call = tool_event(event, AGENT, PASSIVE_EVENTS, "PreToolUse", "PostToolUse")
    if isinstance(call, Request):
        return call
    tool, args, base = call.tool, call.args, call.base
    if tool in PATCH_TOOLS:
        patch = args if isinstance(args, str) else _patch_text(args)
        actions = patch_actions(patch, base, tool)
    elif tool in SHELL_TOOLS:
        command = object_args(call).get("command", object_args(call).get("cmd"))
        actions = [action(base, "command", tool, command=command_text(command))]
    else:
        actions = claude_code.tool_actions(tool, object_args(call), base)
    return call.request(actions)


def _patch_text(args: object) -> str:
    if isinstance(args, Mapping):
        for key in ("command", "input", "patch"):
            value = args.get(key)
            if isinstance(value, str):
                return value
            if isinstance(value, list) and value and all(isinstance(part, str) for part in value):
                return str(value[-1])  # ["apply_patch", PATCH]
    raise BadEvent("apply_patch without a patch")


def to_actions(event: Mapping[str, Any]) -> list[Action]:
    return list(to_request(event).actions)


def answer(decision: Decision, request: Request) -> Answer:
    return claude_style_answer(decision, request, ask_supported=False)
