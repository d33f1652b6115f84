"""GitHub Copilot's hook protocol (Copilot CLI and the coding agent; VS Code's Claude-compatible form too):
preToolUse / postToolUse events to Actions, a Decision to its answer.

Verified against GitHub's "Hooks configuration" reference (docs.github.com/en/copilot/reference/
hooks-configuration) and the Copilot SDK's pre-tool-use page (github/copilot-sdk docs/hooks/pre-tool-use.md;
via the `search` tool, Nov 2026):
- config: `.github/hooks/*.json` (the coding agent reads them from the default branch; the CLI from the working
  directory): `{"version": 1, "hooks": {"preToolUse": [{"type": "command", "bash": ..., "powershell": ...,
  "cwd": ..., "timeoutSec": 30}]}}`.
- stdin (CLI): `timestamp` (ms), `cwd`, `toolName`, `toolArgs` (a JSON *string* of the arguments);
  postToolUse adds `toolResult` {resultType, textResultForLlm}; sessionStart {source, initialPrompt}; sessionEnd
  {reason}; userPromptSubmitted {prompt}; errorOccurred {error}. There is no event-name field, so the event is
  known by its fields. Tools: bash {command}, create {path, file_text}, edit {path, old_str, new_str},
  str_replace_editor {command, path, ...}, view {path}, apply_patch, glob, grep, ...; some builds send Claude
  Code's names (Bash, Write, Edit, Read).
- answer: stdout `{"permissionDecision": "deny", "permissionDecisionReason": ...}`; the reference says only
  "deny" is acted on, so "ask" is answered as a deny that says a human must approve, and a fine action gets
  silence. postToolUse output is ignored: findings go to stderr and the ledger.
- VS Code's agent sends Claude Code's shape (`hook_event_name` PreToolUse, `tool_name`, `tool_input`, snake
  case) and reads Claude Code's answers (exit 2 blocks; `hookSpecificOutput`), with its own tool names
  (create_file, replace_string_in_file, run_in_terminal, ...): answered the same way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ...types import Action, Decision
from . import claude_code
from .common import (
    PASSIVE,
    POST,
    PRE,
    UNKNOWN,
    Answer,
    BadEvent,
    Request,
    action,
    ask_as_deny_text,
    claude_style_answer,
    command_text,
    content_field,
    denial_text,
    feedback_text,
    json_args,
    opaque_edit,
    other_tool,
    patch_actions,
    path_field,
    text,
)

AGENT = "copilot"

PASSIVE_FIELDS = ("initialPrompt", "source", "reason", "prompt", "error")
CLAUDE_NAMES = frozenset({"Write", "Edit", "MultiEdit", "NotebookEdit", "Bash", "Read", "Glob", "Grep", "LS"})
SHELL_TOOLS = frozenset({"bash", "powershell", "run_in_terminal", "shell", "write_bash"})
READ_TOOLS = frozenset(
    {
        "view",
        "read_file",
        "glob",
        "grep",
        "list_dir",
        "file_search",
        "grep_search",
        "semantic_search",
        "read_bash",
    }
)
INERT_TOOLS = frozenset(
    {
        "web_fetch",
        "fetch_webpage",
        "report_intent",
        "task",
        "think",
        "update_todo",
        "manage_todo_list",
        "stop_bash",
        "get_errors",
    }
)


def to_request(event: Mapping[str, Any]) -> Request:
    if "hook_event_name" in event:
        return _vscode_request(event)
    name = text(event, "hookEventName")
    session = text(event, "sessionId")
    cwd = text(event, "cwd")
    if "toolName" in event:
        phase = POST if "toolResult" in event or name == "postToolUse" else PRE
        name = name or ("postToolUse" if phase == POST else "preToolUse")
        tool = text(event, "toolName")
        args = json_args(event.get("toolArgs", {}))
        base = Action(kind="unknown", tool=tool, cwd=cwd, agent=AGENT, session=session, phase=phase)
        return Request(name, phase, tuple(tool_actions(tool, args, base)), tool, session, cwd, event)
    if name in (
        "sessionStart",
        "sessionEnd",
        "userPromptSubmitted",
        "errorOccurred",
        "agentStop",
        "subagentStop",
    ):
        return Request(name, PASSIVE, session=session, cwd=cwd, raw=event)
    if not name and any(key in event for key in PASSIVE_FIELDS):
        return Request("lifecycle", PASSIVE, session=session, cwd=cwd, raw=event)
    return Request(name, UNKNOWN, session=session, cwd=cwd, raw=event)


def _vscode_request(event: Mapping[str, Any]) -> Request:
    request = claude_code.to_request(event, agent=AGENT)
    if request.phase not in (PRE, POST):
        return request
    args = event.get("tool_input")
    assert isinstance(args, Mapping)
    base = Action(
        kind="unknown",
        tool=request.tool,
        cwd=request.cwd,
        agent=AGENT,
        session=request.session,
        phase=request.phase,
    )
    actions = tuple(tool_actions(request.tool, args, base))
    return Request(request.event, request.phase, actions, request.tool, request.session, request.cwd, event)


def tool_actions(tool: str, args: object, base: Action) -> list[Action]:
    if tool == "apply_patch":
        patch = args if isinstance(args, str) else (args.get("input") if isinstance(args, Mapping) else None)
        if not isinstance(patch, str):
            raise BadEvent("apply_patch without a patch")
        return patch_actions(patch, base, tool)
    if not isinstance(args, Mapping):
        raise BadEvent("tool arguments are not an object")
    if tool in CLAUDE_NAMES:
        return claude_code.tool_actions(tool, args, base)
    if tool in SHELL_TOOLS:
        command = args.get("command", args.get("input"))
        return [action(base, "command", tool, command=command_text(command))]
    if tool in ("create", "create_file"):
        path = path_field(args, "path", "filePath")
        return [
            action(base, "write", tool, paths=(path,), content=content_field(args, "file_text", "content"))
        ]
    if tool in ("edit", "replace_string_in_file"):
        path = path_field(args, "path", "filePath")
        pair = (content_field(args, "old_str", "oldString"), content_field(args, "new_str", "newString"))
        return [action(base, "edit", tool, paths=(path,), edits=(pair,))]
    if tool == "multi_replace_string_in_file":
        return _replacements(tool, args, base)
    if tool == "str_replace_editor":
        return _str_replace_editor(tool, args, base)
    if tool in ("insert_edit_into_file", "edit_notebook_file"):
        return [opaque_edit(base, tool, path_field(args, "filePath", "path"))]
    return other_tool(tool, args, base, READ_TOOLS, INERT_TOOLS)


def _replacements(tool: str, args: Mapping[str, Any], base: Action) -> list[Action]:
    items = args.get("replacements")
    if not isinstance(items, list) or not items:
        raise BadEvent("replacements are missing")
    out: list[Action] = []
    for item in items:
        if not isinstance(item, Mapping):
            raise BadEvent("a replacement is not an object")
        pair = (content_field(item, "oldString"), content_field(item, "newString"))
        out.append(action(base, "edit", tool, paths=(path_field(item, "filePath"),), edits=(pair,)))
    return out


def _str_replace_editor(tool: str, args: Mapping[str, Any], base: Action) -> list[Action]:
    command = args.get("command")
    path = path_field(args, "path")
    if command == "view":
        return [action(base, "read", tool, paths=(path,))]
    if command == "create":
        return [action(base, "write", tool, paths=(path,), content=content_field(args, "file_text"))]
    if command == "str_replace":
        pair = (content_field(args, "old_str"), content_field(args, "new_str"))
        return [action(base, "edit", tool, paths=(path,), edits=(pair,))]
    # insert, undo_edit and anything newer change the file in a way we cannot reconstruct here.
    return [opaque_edit(base, tool, path)]


def to_actions(event: Mapping[str, Any]) -> list[Action]:
    return list(to_request(event).actions)


def answer(decision: Decision, request: Request) -> Answer:
    if "hook_event_name" in request.raw:
        return claude_style_answer(decision, request)
    if request.phase == POST:
        if decision.outcome == "allow":
            return Answer()
        return Answer(0, "", feedback_text(decision) + "\n")
    if decision.outcome == "allow":
        return Answer()
    message = ask_as_deny_text(decision) if decision.outcome == "ask" else denial_text(decision)
    body = {"permissionDecision": "deny", "permissionDecisionReason": message}
    return Answer(0, json.dumps(body) + "\n", message + "\n")
