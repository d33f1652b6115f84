"""`oversight hook AGENT`: read one hook event on stdin, decide, answer in the agent's own format, record.

Fails closed: an event too large, binary, not JSON or not understood, a path with NUL or newline, an unknown
event, an unknown tool that touches files, a policy that does not load, or any internal error is answered
with a deny, never a silent allow. A fine action gets no answer that would override the user's own
permission settings. This is the hot path of every tool call: it imports only what the event needs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any, TextIO

from ..entry import MAX_EVENT_BYTES, READ_SECONDS, read_stdin
from ..types import Action, Decision
from .adapters.common import PASSIVE, POST, PRE, UNKNOWN, Answer, BadEvent, Request

if TYPE_CHECKING:
    from ..policy import Policy

AGENTS = {
    "claude-code": "claude_code",
    "codex": "codex",
    "gemini": "gemini",
    "cursor": "cursor",
    "copilot": "copilot",
}
SUMMARY_CHARS = 2000
RANK = {"allow": 0, "ask": 1, "deny": 2}


def main(argv: list[str], data: bytes | None = None, failure: str | None = None) -> int:
    """The hook process: answer the event `data` (default: read from stdin), or refuse it for `failure`."""
    agent = argv[0] if len(argv) == 1 else ""
    if agent in AGENTS and data is None and failure is None:
        if os.isatty(0):
            print(f"oversight: error: `oversight hook {agent}` reads a hook event on stdin", file=sys.stderr)
            return 2
        try:
            data = read_stdin()
        except TimeoutError:
            failure = f"no complete event on stdin within {READ_SECONDS} s"
    return emit(respond(agent, data or b"", os.getcwd(), failure=failure))


def respond(
    agent: str,
    data: bytes,
    cwd: str,
    *,
    failure: str | None = None,
    load: Callable[[str], Policy] | None = None,
) -> Answer:
    """The whole answer of `oversight hook AGENT` to the stdin bytes `data`, read in folder `cwd`: one
    function for the hook process and the guard server. Ledger notes go into the answer's stderr."""
    if agent not in AGENTS:
        return Answer(2, "", f"oversight: error: usage: oversight hook {{{','.join(AGENTS)}}} < EVENT.json\n")
    try:
        from importlib import import_module

        adapter = import_module(f"{__package__}.adapters.{AGENTS[agent]}")
    except Exception as exc:  # a broken install must still refuse
        return Answer(2, "", f"oversight: denied: the {agent} adapter could not be loaded ({exc})\n")
    import io

    notes = io.StringIO()
    event: dict[str, Any] = {}
    try:
        if failure is not None:
            raise BadEvent(failure)
        event = parse_event(data)
        answer = handle(agent, adapter, event, cwd=cwd, load=load, notes=notes)
    except Exception as exc:
        rule = "hook:bad-input" if isinstance(exc, BadEvent) else "error"
        answer = refuse(adapter, _request_for_error(event), _error_text(exc), rule, notes)
    return answer._replace(stderr=notes.getvalue() + answer.stderr) if notes.getvalue() else answer


def handle(
    agent: str,
    adapter: ModuleType,
    event: Mapping[str, Any],
    *,
    cwd: str = "",
    load: Callable[[str], Policy] | None = None,
    notes: TextIO | None = None,
) -> Answer:
    """The answer to one parsed event (any failure on the way is a deny); `load` gives the policy of a folder
    (default: read it now), `notes` takes what the ledger has to say (default: stderr)."""
    request: Request = adapter.to_request(event)
    if request.phase == PASSIVE:
        return adapter.answer(Decision("allow"), request)  # type: ignore[no-any-return]
    if request.phase == UNKNOWN:
        reason = f"unknown {agent} hook event {request.event or '(none)'!r}: the guard cannot tell what it would do"
        decision = Decision("deny", (reason,), "hook:unknown-event")
    elif request.phase == POST:
        decision = _after(request)
    else:
        decision = _before(request, cwd or os.getcwd(), load)
    _record(agent, request, decision, notes)
    return adapter.answer(decision, request)  # type: ignore[no-any-return]


def _before(request: Request, cwd: str, load: Callable[[str], Policy] | None) -> Decision:
    if not request.actions:
        return Decision("deny", ("the event names no action to judge",), "hook:empty")
    if all(a.kind == "unknown" and not a.touches_files for a in request.actions):
        return Decision("allow", rule="hook:inert")  # no file, no command: nothing for the policy to judge
    try:
        if load is None:
            from ..policy import load_policy

            load = load_policy
        policy = load(request.cwd or cwd)
    except Exception as exc:
        return Decision("deny", (f"the guard's policy could not be loaded: {exc}",), "policy:error")
    from .decide import decide

    decisions: list[Decision] = []
    for action in request.actions:
        try:
            decision = decide(action, policy)
        except Exception as exc:
            decision = Decision("deny", (f"the guard failed on this action: {_error_text(exc)}",), "error")
        if decision.outcome not in RANK:
            decision = Decision(
                "deny", (f"the guard gave no valid decision ({decision.outcome!r})",), "error"
            )
        if decision.outcome == "allow" and action.kind == "unknown" and action.touches_files:
            reason = (
                f"unknown tool {action.tool!r} may touch files ({', '.join(action.paths) or 'paths unknown'})"
            )
            decision = Decision("deny", (reason,), "hook:unknown-tool")
        decisions.append(decision)
    return combine(decisions)


def _after(request: Request) -> Decision:
    try:
        from .feedback import scan_after

        return scan_after(request.actions)
    except Exception as exc:
        return Decision("deny", (f"the change could not be checked: {_error_text(exc)}",), "error")


def combine(decisions: list[Decision]) -> Decision:
    """The most restrictive of several decisions, with the reasons and findings of every one as restrictive."""
    worst = max(decisions, key=lambda d: RANK[d.outcome])
    if worst.outcome == "allow":
        return worst
    same = [d for d in decisions if d.outcome == worst.outcome]
    reasons = tuple(dict.fromkeys(reason for d in same for reason in d.reasons))
    findings = tuple(f for d in same for f in d.findings)
    return Decision(worst.outcome, reasons, worst.rule, findings)


def parse_event(data: bytes) -> dict[str, Any]:
    """The event as a JSON object; BadEvent when it is too large, binary, not UTF-8 or not JSON."""
    if len(data) > MAX_EVENT_BYTES:
        raise BadEvent(f"the event is larger than {MAX_EVENT_BYTES // 1_000_000} MB")
    if not data.strip():
        raise BadEvent("no event on stdin")
    if b"\0" in data:
        raise BadEvent("the event is binary, not JSON")
    import json

    try:
        event = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadEvent("the event is not UTF-8") from None
    except ValueError as exc:
        raise BadEvent(f"the event is not valid JSON ({exc})") from None
    if not isinstance(event, dict):
        raise BadEvent("the event is not a JSON object")
    return event


def _request_for_error(event: Mapping[str, Any]) -> Request:
    """A request good enough to answer a deny in the agent's format when the event could not be understood."""

    def field(*keys: str) -> str:
        values = [event.get(key) for key in keys]
        return next((v for v in values if isinstance(v, str)), "")

    return Request(
        field("hook_event_name", "hookEventName"),
        PRE,
        tool=field("tool_name", "toolName"),
        session=field("session_id", "conversation_id", "sessionId"),
        cwd=field("cwd"),
        raw=event,
    )


def refuse(
    adapter: ModuleType, request: Request, reason: str, rule: str, notes: TextIO | None = None
) -> Answer:
    """A deny in the agent's format (a plain exit 2 if even that fails), recorded when the ledger allows."""
    decision = Decision("deny", (reason,), rule)
    try:
        _record(str(getattr(adapter, "AGENT", "")), request, decision, notes)
        return adapter.answer(decision, request)  # type: ignore[no-any-return]
    except Exception:
        return Answer(2, "", f"oversight: denied: {reason}\n")


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, BadEvent):
        return str(exc)
    return f"internal error ({type(exc).__name__}: {exc})"


def emit(answer: Answer) -> int:
    try:
        if answer.stdout:
            sys.stdout.write(answer.stdout)
            sys.stdout.flush()
        if answer.stderr:
            sys.stderr.write(answer.stderr)
            sys.stderr.flush()
    except (BrokenPipeError, OSError):
        pass
    return answer.status


def _record(agent: str, request: Request, decision: Decision, notes: TextIO | None = None) -> None:
    """Append the decision to the ledger; a ledger that cannot be reached changes nothing but is said."""
    notes = sys.stderr if notes is None else notes
    try:
        from ..ledger.record import record
        from ..types import Event

        payload: dict[str, object] = {
            "event": request.event,
            "phase": request.phase,
            "tool": request.tool,
            "rule": decision.rule,
            "reasons": list(decision.reasons),
            "actions": [_action_summary(a) for a in request.actions[:20]],
        }
        if decision.findings:
            payload["findings"] = [f.to_json() for f in decision.findings[:50]]
        tool_input = request.raw.get("tool_input", request.raw.get("toolArgs"))
        if tool_input is not None:
            payload["input"] = summarise(tool_input)
        first = request.actions[0] if request.actions else None
        what = (
            f"{first.kind} {' '.join(first.paths) or first.command or first.tool}" if first else request.event
        )
        record(
            Event(
                "guard",
                session=request.session,
                agent=agent,
                repo=request.cwd,
                action=what[:300],
                outcome=_outcome(request, decision),
                payload=payload,
            ),
            stderr=notes,
        )
    except Exception as exc:
        print(f"oversight: this decision was not recorded in the ledger ({exc}); it stands", file=notes)


def _outcome(request: Request, decision: Decision) -> str:
    """After a tool ran nothing is allowed or denied any more: the scan found something, or it did not."""
    if request.phase == POST:
        return "clean" if decision.outcome == "allow" else "findings"
    return decision.outcome


def _action_summary(action: Action) -> dict[str, object]:
    out: dict[str, object] = {"kind": action.kind, "tool": action.tool}
    if action.paths:
        out["paths"] = list(action.paths[:20])
    if action.command is not None:
        out["command"] = summarise(action.command)
    return out


def summarise(value: object, budget: int = SUMMARY_CHARS) -> object:
    """A JSON value cut to size: long strings keep their head, length and SHA-256; containers their first items."""
    if isinstance(value, str):
        if len(value) <= budget:
            return value
        import hashlib

        digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
        return {"head": value[: budget // 4], "chars": len(value), "sha256": digest}
    if isinstance(value, Mapping):
        return {str(k): summarise(v, max(budget // 2, 64)) for k, v in list(value.items())[:50]}
    if isinstance(value, list):
        return [summarise(v, max(budget // 2, 64)) for v in value[:50]]
    return value
