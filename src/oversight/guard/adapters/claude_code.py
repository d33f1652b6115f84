"""Claude Code's hook protocol: its PreToolUse / PostToolUse events to Actions, a Decision to its answer.

Verified against the Claude Code hooks reference (code.claude.com/docs/en/hooks, formerly
docs.anthropic.com/en/docs/claude-code/hooks; via the `search` tool, Nov 2026):
- stdin: JSON with `session_id`, `transcript_path`, `cwd`, `permission_mode`, `hook_event_name`, and for tool
  events `tool_name`, `tool_input`, `tool_use_id`; PostToolUse adds `tool_response`. File paths are absolute.
- tools: Write {file_path, content}; Edit {file_path, old_string, new_string, replace_all}; MultiEdit
  {file_path, edits: [{old_string, new_string}]}; NotebookEdit {notebook_path, new_source, cell_id,
  edit_mode}; Bash {command}; Read {file_path}; Glob/Grep {pattern, path}; LS {path}; MCP tools are
  `mcp__<server>__<tool>`.
- exit 2 blocks a PreToolUse call and feeds stderr to the model; exit 0 parses stdout JSON; any other status
  (and a time-out) is a non-blocking error: the call goes ahead (fails open).
- PreToolUse JSON: `hookSpecificOutput.permissionDecision` allow | deny | ask (+ `permissionDecisionReason`);
  "allow" skips the user's permission prompt, so a fine action gets silence, not allow.
- PostToolUse JSON: `{"decision": "block", "reason": ...}` shows the reason to the model;
  `hookSpecificOutput.additionalContext` adds context.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...types import Action, Decision
from .common import (
    Answer,
    Request,
    action,
    claude_style_answer,
    command_text,
    content_field,
    edits_from,
    inert_action,
    object_args,
    path_field,
    tool_event,
    unknown_action,
)

AGENT = "claude-code"

PASSIVE_EVENTS = frozenset(
    {
        "SessionStart",
        "SessionEnd",
        "Setup",
        "UserPromptSubmit",
        "UserPromptExpansion",
        "Stop",
        "StopFailure",
        "SubagentStart",
        "SubagentStop",
        "PostToolUseFailure",
        "PostToolBatch",
        "PermissionRequest",
        "PermissionDenied",
        "TaskCreated",
        "TaskCompleted",
        "TeammateIdle",
        "PreCompact",
        "PostCompact",
        "PreModelSwitch",
        "PostModelSwitch",
        "InstructionsLoaded",
        "ConfigChange",
        "CwdChanged",
        "DirectoryAdded",
        "FileChanged",
        "WorktreeCreate",
        "WorktreeRemove",
        "Notification",
        "MessageDisplay",
        "Elicitation",
        "ElicitationResult",
    }
)

READ_TOOLS = {
    "Read": ("file_path",),
    "NotebookRead": ("notebook_path",),
    "Glob": ("path",),
    "Grep": ("path",),
    "LS": ("path",),
}
INERT_TOOLS = frozenset(
    {
        "WebFetch",
        "WebSearch",
        "Task",
        "Agent",
        "TodoWrite",
        "TodoRead",
        "ExitPlanMode",
        "EnterPlanMode",
        "BashOutput",
        "KillShell",
        "KillBash",
        "SlashCommand",
        "Skill",
        "AskUserQuestion",
        "ListMcpResourcesTool",
        "ReadMcpResourceTool",
    }
)


def to_request(event: Mapping[str, Any], agent: str = AGENT) -> Request:
    """The event's phase and the Actions it asks about."""
    call = tool_event(event, agent, PASSIVE_EVENTS, "PreToolUse", "PostToolUse")
    if isinstance(call, Request):
        return call
    return call.request(tool_actions(call.tool, object_args(call), call.base))


def tool_actions(tool: str, args: Mapping[str, Any], base: Action) -> list[Action]:
    """Claude Code's built-in tools (and the same names where other agents reuse them) as Actions."""
    if tool == "Write":
        return [
            action(
                base,
                "write",
                tool,
                paths=(path_field(args, "file_path"),),
                content=content_field(args, "content"),
            )
        ]
    if tool == "Edit":
        pair = (content_field(args, "old_string"), content_field(args, "new_string"))
        return [action(base, "edit", tool, paths=(path_field(args, "file_path"),), edits=(pair,))]
    if tool == "MultiEdit":
        return [
            action(
                base,
                "edit",
                tool,
                paths=(path_field(args, "file_path"),),
                edits=edits_from(args.get("edits")),
            )
        ]
    if tool == "NotebookEdit":
        source = args.get("new_source")
        content = source if isinstance(source, str) else ""
        return [action(base, "notebook", tool, paths=(path_field(args, "notebook_path"),), content=content)]
    if tool == "Bash":
        return [action(base, "command", tool, command=command_text(args.get("command")))]
    if tool in READ_TOOLS:
        keys = READ_TOOLS[tool]
        paths = (path_field(args, *keys),) if any(args.get(key) is not None for key in keys) else ()
        return [action(base, "read", tool, paths=paths, touches_files=bool(paths))]
    if tool in INERT_TOOLS:
        return [inert_action(tool, base)]
    return [unknown_action(tool, args, base)]


def to_actions(event: Mapping[str, Any]) -> list[Action]:
    return list(to_request(event).actions)


def answer(decision: Decision, request: Request) -> Answer:
    return claude_style_answer(decision, request)
