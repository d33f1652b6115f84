"""Gemini CLI's hook protocol: BeforeTool / AfterTool events to Actions, a Decision to its answer.

Verified against the Gemini CLI hooks reference (geminicli.com/docs/hooks/reference, mirrored in
google-gemini/gemini-cli docs/hooks/reference.md; via the `search` tool, Nov 2026):
- config: `hooks` in `.gemini/settings.json` or `~/.gemini/settings.json`: `{"BeforeTool": [{"matcher": REGEX,
  "hooks": [{"type": "command", "command": ..., "name": ..., "timeout": MILLISECONDS}]}]}`.
- stdin: `session_id`, `transcript_path`, `cwd`, `hook_event_name`, `timestamp`; BeforeTool adds `tool_name`,
  `tool_input`; AfterTool adds `tool_response`.
- tools (docs/tools): write_file {file_path, content}; replace {file_path, old_string, new_string};
  run_shell_command {command, dir_path | directory}; read_file {file_path | absolute_path};
  read_many_files {paths}; list_directory, glob, search_file_content / grep_search {path | dir_path}; MCP tools
  are `mcp_<server>_<tool>`.
- exit 0: stdout is JSON (`decision`: allow | deny, `reason`); exit 2: "System Block", stderr is the reason
  sent to the agent; other statuses are warnings and the CLI goes on (fails open). There is no "ask", so ask is
  answered as a deny that says a human must approve. stdout must hold nothing but JSON.
- AfterTool: `hookSpecificOutput.additionalContext` is appended to the tool result for the agent
  (`decision: deny` would hide the real result, which we do not want).
- advisory events (SessionStart, SessionEnd, Notification, PreCompress) cannot block; the model and agent
  events are not ours to judge.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ...types import Action, Decision
from .common import (
    POST,
    Answer,
    Request,
    action,
    ask_as_deny_text,
    command_text,
    content_field,
    denial_text,
    feedback_text,
    object_args,
    other_tool,
    path_field,
    tool_event,
)

AGENT = "gemini"

PASSIVE_EVENTS = frozenset(
    {
        "SessionStart",
        "SessionEnd",
        "Notification",
        "PreCompress",
        "BeforeAgent",
        "AfterAgent",
        "BeforeModel",
        "AfterModel",
        "BeforeToolSelection",
    }
)
READ_TOOLS = frozenset(
    {"read_file", "read_many_files", "list_directory", "glob", "search_file_content", "grep_search"}
)
INERT_TOOLS = frozenset({"web_fetch", "google_web_search", "save_memory", "write_todos"})


def to_request(event: Mapping[str, Any]) -> Request:
    call = tool_event(event, AGENT, PASSIVE_EVENTS, "BeforeTool", "AfterTool")
    if isinstance(call, Request):
        return call
    return call.request(tool_actions(call.tool, object_args(call), call.base))


def tool_actions(tool: str, args: Mapping[str, Any], base: Action) -> list[Action]:
    if tool == "write_file":
        return [
            action(
                base,
                "write",
                tool,
                paths=(path_field(args, "file_path", "absolute_path"),),
                content=content_field(args, "content"),
            )
        ]
    if tool == "replace":
        pair = (content_field(args, "old_string"), content_field(args, "new_string"))
        return [
            action(base, "edit", tool, paths=(path_field(args, "file_path", "absolute_path"),), edits=(pair,))
        ]
    if tool == "run_shell_command":
        folder = args.get("dir_path", args.get("directory"))
        cwd = folder if isinstance(folder, str) and folder else base.cwd
        if cwd != base.cwd:
            from os.path import join

            cwd = join(base.cwd, path_field({"dir": cwd}, "dir"))
        return [action(base, "command", tool, command=command_text(args.get("command")), cwd=cwd)]
    return other_tool(tool, args, base, READ_TOOLS, INERT_TOOLS)


def to_actions(event: Mapping[str, Any]) -> list[Action]:
    return list(to_request(event).actions)


def answer(decision: Decision, request: Request) -> Answer:
    if request.phase == POST:
        if decision.outcome == "allow":
            return Answer()
        body = {
            "hookSpecificOutput": {"hookEventName": "AfterTool", "additionalContext": feedback_text(decision)}
        }
        return Answer(0, json.dumps(body) + "\n")
    if decision.outcome == "allow":
        return Answer()
    message = ask_as_deny_text(decision) if decision.outcome == "ask" else denial_text(decision)
    return Answer(2, "", message + "\n")
