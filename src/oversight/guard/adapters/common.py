"""What every agent adapter shares: the parsed request, the answer, field readers that refuse paths with NUL
or newlines, tool-argument classifiers, Codex's patch format, and the Claude-compatible answer that Claude
Code, Codex and VS Code's Copilot read.

Adapters turn an event into a `Request` (its phase and Actions); `hook.main` decides and hands the Decision
back to the adapter's `answer`, which says exit status, stdout and stderr. Nothing here imports more than the
standard library's `json`, so the hook stays fast.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from ...types import Action, Decision

PRE = "pre"  # before a tool runs: decide
POST = "post"  # after a tool ran: scan what it changed and tell the agent
PASSIVE = "passive"  # an event that cannot change anything: answer nothing
UNKNOWN = "unknown"  # an event this adapter does not know: deny

PATH_KEYS = (
    "file_path",
    "filePath",
    "path",
    "paths",
    "absolute_path",
    "notebook_path",
    "target_file",
    "targetFile",
    "filename",
    "file",
    "dir_path",
    "dirPath",
    "directory",
    "destination",
    "target",
)


class BadEvent(Exception):
    """An event the hook cannot trust: malformed, a path with NUL or newline, a missing field."""


@dataclass(frozen=True)
class Request:
    """One hook event, understood: its name, phase, the Actions it asks for, and whom it came from."""

    event: str
    phase: str
    actions: tuple[Action, ...] = ()
    tool: str = ""
    session: str = ""
    cwd: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ToolCall:
    """A tool event's parts, for an adapter to turn into Actions: `base` carries phase, agent, session, cwd."""

    event: str
    phase: str
    tool: str
    args: Any
    base: Action
    raw: Mapping[str, Any]

    def request(self, actions: Iterable[Action]) -> Request:
        return Request(
            self.event, self.phase, tuple(actions), self.tool, self.base.session, self.base.cwd, self.raw
        )


def tool_event(
    event: Mapping[str, Any], agent: str, passive: frozenset[str], pre: str, post: str
) -> Request | ToolCall:
    """A hook event in the Claude Code shape (`hook_event_name`, `tool_name`, `tool_input`): a Request for
    events that are not tool calls (passive ones, or unknown), else the ToolCall for the adapter to read."""
    name = text(event, "hook_event_name")
    session = text(event, "session_id")
    cwd = text(event, "cwd")
    if name in passive:
        return Request(name, PASSIVE, session=session, cwd=cwd, raw=event)
    if name not in (pre, post):
        return Request(name, UNKNOWN, session=session, cwd=cwd, raw=event)
    phase = PRE if name == pre else POST
    tool = text(event, "tool_name")
    if not tool:
        raise BadEvent("tool event without tool_name")
    base = Action(kind="unknown", tool=tool, cwd=cwd, agent=agent, session=session, phase=phase)
    return ToolCall(name, phase, tool, event.get("tool_input"), base, event)


def object_args(call: ToolCall) -> Mapping[str, Any]:
    """The tool's input, which must be a JSON object."""
    if not isinstance(call.args, Mapping):
        raise BadEvent("tool_input is missing or not an object")
    return call.args


class Answer(NamedTuple):
    """What the hook process says back: its exit status, stdout and stderr."""

    status: int = 0
    stdout: str = ""
    stderr: str = ""


def text(event: Mapping[str, Any], *keys: str, default: str = "") -> str:
    """The first of `keys` that holds a string; a non-string value is a bad event."""
    for key in keys:
        if key in event and event[key] is not None:
            value = event[key]
            if not isinstance(value, str):
                raise BadEvent(f"field {key!r} is not a string")
            return value
    return default


def checked_path(value: object, what: str = "path") -> str:
    """A path as the agent gave it, refused when it is empty, not a string, or holds NUL or a newline (which no
    honest tool call needs and which split one path into two for the tools that read it)."""
    if not isinstance(value, str) or not value:
        raise BadEvent(f"{what} is missing or not a string")
    if "\0" in value or "\n" in value or "\r" in value:
        raise BadEvent(f"{what} contains a NUL or newline character: {value[:80]!r}")
    return value


def path_field(args: Mapping[str, Any], *keys: str) -> str:
    """The path in the first of `keys` present in the tool's arguments (BadEvent when none is)."""
    for key in keys:
        if args.get(key) is not None:
            return checked_path(args[key], key)
    raise BadEvent(f"tool input has no {' or '.join(keys)}")


def content_field(args: Mapping[str, Any], *keys: str) -> str:
    """File content from the first of `keys` present; non-string content is a bad event."""
    for key in keys:
        if key in args and args[key] is not None:
            value = args[key]
            if not isinstance(value, str):
                raise BadEvent(f"{key!r} is not a string")
            return value
    raise BadEvent(f"tool input has no {' or '.join(keys)}")


def mentioned_paths(args: Mapping[str, Any]) -> tuple[str, ...]:
    """Paths under the usual argument names of an unknown tool (checked for NUL and newline)."""
    found: list[str] = []
    for key in PATH_KEYS:
        value = args.get(key)
        if isinstance(value, str) and value:
            found.append(checked_path(value, key))
        elif isinstance(value, list):
            found.extend(checked_path(item, key) for item in value if isinstance(item, str))
    return tuple(found)


def unknown_action(tool: str, args: object, base: Action) -> Action:
    """A tool this adapter does not know: it touches files when its arguments name a path."""
    paths = mentioned_paths(args) if isinstance(args, Mapping) else ()
    touches = bool(paths) or (isinstance(args, Mapping) and _names_files(args))
    return _with(base, kind="unknown", tool=tool, paths=paths, touches_files=touches)


def other_tool(
    tool: str, args: Mapping[str, Any], base: Action, read_tools: frozenset[str], inert_tools: frozenset[str]
) -> list[Action]:
    """A tool that neither writes nor runs commands: a read of the paths it names, nothing (inert), or an
    unknown tool, which is denied when it names files."""
    if tool in read_tools:
        paths = mentioned_paths(args)
        return [action(base, "read", tool, paths=paths, touches_files=bool(paths))]
    if tool in inert_tools:
        return [inert_action(tool, base)]
    return [unknown_action(tool, args, base)]


def _names_files(args: Mapping[str, Any]) -> bool:
    return any(
        isinstance(key, str) and any(word in key.lower() for word in ("path", "file", "dir")) for key in args
    )


def inert_action(tool: str, base: Action) -> Action:
    """A known tool that neither touches files nor runs commands (web search, a to-do list, a subagent)."""
    return _with(base, kind="unknown", tool=tool, touches_files=False)


def _with(base: Action, **changes: Any) -> Action:
    return replace(base, **changes)


def action(base: Action, kind: str, tool: str, **changes: Any) -> Action:
    """An Action of `kind` for `tool`, with the agent, session, cwd and phase of `base`."""
    return _with(base, kind=kind, tool=tool, **changes)


def command_text(value: object) -> str:
    """A shell command from a string or an argv list (Codex's older `shell` tool sends a list)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(part, str) for part in value):
        import shlex

        if (
            len(value) == 3
            and value[0].rsplit("/", 1)[-1] in ("bash", "sh", "zsh")
            and value[1] in ("-c", "-lc")
        ):
            return str(value[2])
        return shlex.join(value)
    raise BadEvent("the command is missing or not a string")


def edits_from(
    items: object, old_key: str = "old_string", new_key: str = "new_string"
) -> tuple[tuple[str, str], ...]:
    """(old, new) pairs from a list of edit objects."""
    if not isinstance(items, list) or not items:
        raise BadEvent("edits are missing or not a list")
    pairs: list[tuple[str, str]] = []
    for item in items:
        if not isinstance(item, Mapping):
            raise BadEvent("an edit is not an object")
        pairs.append((content_field(item, old_key), content_field(item, new_key)))
    return tuple(pairs)


def json_args(value: object) -> object:
    """Tool arguments that some agents send as a JSON string (Copilot CLI's toolArgs, Cursor's MCP input)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise BadEvent("tool arguments are a string that is not JSON") from None
    return value


def patch_actions(patch: str, base: Action, tool: str) -> list[Action]:
    """Codex's `apply_patch` format (*** Begin Patch / *** Add File: / *** Update File: / *** Move to: /
    *** Delete File:) as one "patch" Action naming every path it touches (each checked for NUL and newline);
    the decision reads the patch itself to see the content it would produce."""
    paths: list[str] = []
    for line in patch.splitlines():
        header = line.strip()
        for prefix in ("*** Add File: ", "*** Update File: ", "*** Delete File: ", "*** Move to: "):
            if header.startswith(prefix):
                paths.append(checked_path(header[len(prefix) :].strip(), "patch path"))
    if not paths:
        raise BadEvent("apply_patch input names no file (not a patch in Codex's format)")
    return [action(base, "patch", tool, paths=tuple(dict.fromkeys(paths)), patch=patch)]


def opaque_edit(base: Action, tool: str, path: str) -> Action:
    """An edit whose result the adapter cannot reconstruct (an insertion, a sketch with "existing code"
    markers): an edit with no replacements, so the path is judged and the content is scanned afterwards."""
    return action(base, "edit", tool, paths=(path,), edits=())


def claude_style_answer(decision: Decision, request: Request, *, ask_supported: bool = True) -> Answer:
    """The answer Claude Code defines and Codex and VS Code copy: deny is exit 2 with the reason on stderr; ask is
    `hookSpecificOutput.permissionDecision` = ask; fine is exit 0 and silence (never "allow", which would skip
    the user's own permission prompt). After a tool: findings go back as `decision: block` with the reason,
    and as `additionalContext`."""
    if request.phase == POST:
        if decision.outcome == "allow":
            return Answer()
        reason = feedback_text(decision)
        body = {
            "decision": "block",
            "reason": reason,
            "hookSpecificOutput": {
                "hookEventName": request.event or "PostToolUse",
                "additionalContext": reason,
            },
        }
        return Answer(0, json.dumps(body) + "\n")
    if decision.outcome == "allow":
        return Answer()
    if decision.outcome == "ask" and ask_supported:
        body = {
            "hookSpecificOutput": {
                "hookEventName": request.event or "PreToolUse",
                "permissionDecision": "ask",
                "permissionDecisionReason": denial_text(decision),
            }
        }
        return Answer(0, json.dumps(body) + "\n")
    message = ask_as_deny_text(decision) if decision.outcome == "ask" else denial_text(decision)
    return Answer(2, "", message + "\n")


def denial_text(decision: Decision) -> str:
    """One paragraph for the agent and the human: what was refused (or needs approval), why, and which rule."""
    head = "oversight: this needs a human's approval" if decision.outcome == "ask" else "oversight: denied"
    rule = f" [{decision.rule}]" if decision.rule else ""
    reasons = decision.reason or "no reason given"
    return f"{head}{rule}: {reasons}"


def ask_as_deny_text(decision: Decision) -> str:
    """For agents with no ask answer: refused until a human approves (the agent cannot approve itself)."""
    return (
        denial_text(decision)
        + " (this agent's hooks cannot ask; a human must make this change or approve it)"
    )


def feedback_text(decision: Decision) -> str:
    """What the scan found in the change a tool just made, for the agent to see and undo."""
    lines = ["oversight: the change you just made looks like it games the tests or weakens oversight:"]
    lines.extend(f"- {reason}" for reason in decision.reasons)
    lines.append("Undo it, or explain to the user why it is legitimate.")
    return "\n".join(lines)
