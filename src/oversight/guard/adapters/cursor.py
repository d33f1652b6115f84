"""Cursor's hook protocol: preToolUse, beforeShellExecution, beforeMCPExecution, beforeReadFile and
afterFileEdit events to Actions, a Decision to its `permission` answer.

Verified against Cursor's hooks documentation (cursor.com/docs/agent/hooks, as mirrored in
pcomans/caruso reference/cursor_hooks.md and johnlindquist/cursor-hooks src/types.ts; via the `search` tool,
Nov 2026):
- config: `.cursor/hooks.json` (project) or `~/.cursor/hooks.json`: `{"version": 1, "hooks": {EVENT:
  [{"command": ..., "timeout": S, "failClosed": true, "matcher": ...}]}}`; `failClosed: true` blocks the action
  when the hook crashes, times out or answers garbage (otherwise Cursor fails open).
- stdin (all events): `conversation_id`, `generation_id`, `model`, `hook_event_name`, `cursor_version`,
  `workspace_roots`, `user_email`; beforeShellExecution {command, cwd}; beforeMCPExecution {tool_name,
  tool_input (JSON text), url | command}; beforeReadFile {file_path, content, attachments}; afterFileEdit
  {file_path, edits: [{old_string, new_string}]}; preToolUse / postToolUse {tool_name (Shell, Read, Write,
  Delete, Grep, Task, MCP:...), tool_input}.
- answers: `{"permission": "allow" | "deny" | "ask", "user_message", "agent_message"}` (beforeReadFile: allow |
  deny only); exit status 2 also blocks. A fine action gets `{}`: no decision, the user's settings apply.
- postToolUse takes `additional_context`; afterFileEdit takes no output, so findings also go to stderr (the
  Hooks output channel) and to the ledger.
Not confirmed in the documents we could read: the exact `tool_input` fields of preToolUse's Write / Delete
(file_path or path; contents or content — both are read), and whether preToolUse honours "ask".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ...types import Action, Decision
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
    checked_path,
    command_text,
    content_field,
    denial_text,
    edits_from,
    feedback_text,
    json_args,
    opaque_edit,
    other_tool,
    path_field,
    text,
    unknown_action,
)

AGENT = "cursor"

PASSIVE_EVENTS = frozenset(
    {
        "sessionStart",
        "sessionEnd",
        "stop",
        "subagentStart",
        "subagentStop",
        "beforeSubmitPrompt",
        "afterAgentResponse",
        "afterAgentThought",
        "preCompact",
        "postToolUseFailure",
        "afterMCPExecution",
        "workspaceOpen",
    }
)
READ_EVENTS = frozenset({"beforeReadFile", "beforeTabFileRead"})
NO_ASK_EVENTS = READ_EVENTS
SHELL_TOOLS = frozenset({"Shell", "run_terminal_cmd", "Bash", "Terminal"})
WRITE_TOOLS = frozenset({"Write", "write", "TabWrite", "create_file"})
EDIT_TOOLS = frozenset({"Edit", "StrReplace", "search_replace", "MultiEdit"})
DELETE_TOOLS = frozenset({"Delete", "delete_file"})
READ_TOOLS = frozenset(
    {"Read", "read_file", "Grep", "grep", "Glob", "glob_file_search", "LS", "list_dir", "codebase_search"}
)
INERT_TOOLS = frozenset({"Task", "todo_write", "TodoWrite", "web_search", "WebSearch", "WebFetch"})


def to_request(event: Mapping[str, Any]) -> Request:
    name = text(event, "hook_event_name")
    session = text(event, "conversation_id")
    cwd = text(event, "cwd") or _workspace_root(event)
    if name in PASSIVE_EVENTS:
        return Request(name, PASSIVE, session=session, cwd=cwd, raw=event)
    base = Action(kind="unknown", cwd=cwd, agent=AGENT, session=session)
    if name == "beforeShellExecution":
        shell_cwd = text(event, "cwd") or cwd
        return Request(
            name,
            PRE,
            (action(base, "command", "Shell", command=command_text(event.get("command")), cwd=shell_cwd),),
            "Shell",
            session,
            cwd,
            event,
        )
    if name in READ_EVENTS:
        path = checked_path(event.get("file_path"), "file_path")
        return Request(name, PRE, (action(base, "read", "Read", paths=(path,)),), "Read", session, cwd, event)
    if name in ("beforeMCPExecution", "preToolUse", "postToolUse"):
        phase = POST if name == "postToolUse" else PRE
        tool = text(event, "tool_name")
        if not tool:
            raise BadEvent("tool event without tool_name")
        args = json_args(event.get("tool_input"))
        base = action(base, "unknown", tool, phase=phase)
        if name == "beforeMCPExecution":
            return Request(name, PRE, (unknown_action(tool, args, base),), tool, session, cwd, event)
        if not isinstance(args, Mapping):
            raise BadEvent("tool_input is missing or not an object")
        return Request(name, phase, tuple(tool_actions(tool, args, base)), tool, session, cwd, event)
    if name in ("afterFileEdit", "afterTabFileEdit"):
        path = checked_path(event.get("file_path"), "file_path")
        edits = edits_from(event.get("edits")) if event.get("edits") else ()
        edit = action(base, "edit", "Edit", paths=(path,), edits=edits, phase=POST)
        return Request(name, POST, (edit,), "Edit", session, cwd, event)
    if name == "afterShellExecution":
        command = action(base, "command", "Shell", command=command_text(event.get("command")), phase=POST)
        return Request(name, POST, (command,), "Shell", session, cwd, event)
    return Request(name, UNKNOWN, session=session, cwd=cwd, raw=event)


def _workspace_root(event: Mapping[str, Any]) -> str:
    roots = event.get("workspace_roots")
    if isinstance(roots, list) and roots and isinstance(roots[0], str):
        return checked_path(roots[0], "workspace root")
    return ""


def tool_actions(tool: str, args: Mapping[str, Any], base: Action) -> list[Action]:
    if tool in SHELL_TOOLS:
        folder = args.get("cwd")
        cwd = checked_path(folder, "cwd") if isinstance(folder, str) and folder else base.cwd
        return [action(base, "command", tool, command=command_text(args.get("command")), cwd=cwd)]
    if tool in WRITE_TOOLS:
        path = path_field(args, "file_path", "path", "target_file")
        return [
            action(
                base,
                "write",
                tool,
                paths=(path,),
                content=content_field(args, "contents", "content", "file_text"),
            )
        ]
    if tool in EDIT_TOOLS:
        path = path_field(args, "file_path", "path", "target_file")
        if "edits" in args:
            return [action(base, "edit", tool, paths=(path,), edits=edits_from(args.get("edits")))]
        pair = (content_field(args, "old_string"), content_field(args, "new_string"))
        return [action(base, "edit", tool, paths=(path,), edits=(pair,))]
    if tool == "edit_file":
        # A sketch of the new text with "existing code" markers: the paths are known, the result is not.
        return [opaque_edit(base, tool, path_field(args, "target_file", "file_path", "path"))]
    if tool in DELETE_TOOLS:
        return [action(base, "delete", tool, paths=(path_field(args, "file_path", "path", "target_file"),))]
    return other_tool(tool, args, base, READ_TOOLS, INERT_TOOLS)


def to_actions(event: Mapping[str, Any]) -> list[Action]:
    return list(to_request(event).actions)


def answer(decision: Decision, request: Request) -> Answer:
    if request.phase == POST:
        if decision.outcome == "allow":
            return Answer(0, "{}\n")
        message = feedback_text(decision)
        body = {"additional_context": message, "agent_message": message, "user_message": message}
        return Answer(0, json.dumps(body) + "\n", message + "\n")
    if request.phase == PASSIVE or decision.outcome == "allow":
        return Answer(0, "{}\n")
    if decision.outcome == "ask" and request.event not in NO_ASK_EVENTS:
        message = denial_text(decision)
        body = {"permission": "ask", "user_message": message, "agent_message": message}
        return Answer(0, json.dumps(body) + "\n")
    message = ask_as_deny_text(decision) if decision.outcome == "ask" else denial_text(decision)
    body = {
        "permission": "deny",
        "decision": "deny",
        "reason": message,
        "user_message": message,
        "agent_message": message,
    }
    return Answer(2, json.dumps(body) + "\n", message + "\n")
