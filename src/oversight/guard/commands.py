"""`oversight guard`: print the effective policy, or ask the guard for a decision from the command line.

`guard check` exit status: 0 allow, 1 ask, 3 deny, 2 bad input (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from ..types import Action

EXIT_ALLOW = 0
EXIT_ASK = 1
EXIT_DENY = 3
_EXITS = {"allow": EXIT_ALLOW, "ask": EXIT_ASK, "deny": EXIT_DENY}
_KINDS = ("write", "edit", "patch", "notebook", "delete", "command", "read", "unknown")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `guard policy` and `guard check`."""
    sub = parser.add_subparsers(dest="guard_command", required=True, parser_class=type(parser))
    policy = sub.add_parser(
        "policy",
        help="print the effective policy: rules, built-ins, read-only and secret paths",
        description="Print the policy that applies to the repository holding PATH (default .).",
    )
    policy.add_argument("path", nargs="?", default=".", help="a folder inside the repository (default .)")
    policy.add_argument(
        "--policy", metavar="FILE", help="policy file (default: ROOT/oversight.toml or pyproject)"
    )
    policy.add_argument("--format", choices=("text", "json"), default="text")
    check = sub.add_parser(
        "check",
        help="decide on one action: exit 0 allow, 1 ask, 3 deny, 2 bad input",
        description="Ask the guard for a decision on one action, given as Action JSON (--action-json), a shell "
        "command (--command) or a path (--path with --kind). Exit status: 0 allow, 1 ask, 3 deny, 2 bad input.",
    )
    given = check.add_mutually_exclusive_group(required=True)
    given.add_argument(
        "--action-json", metavar="FILE|-", help="an Action as JSON (fields of oversight.types.Action)"
    )
    given.add_argument(
        "--command", dest="shell_command", metavar="TEXT", help="a shell command the agent would run"
    )
    given.add_argument("--path", metavar="PATH", help="a path the agent would change (see --kind)")
    check.add_argument(
        "--kind", choices=_KINDS, default="write", help="with --path: the action (default write)"
    )
    check.add_argument("--cwd", default=None, help="the agent's working folder (default .)")
    check.add_argument("--policy", metavar="FILE", help="policy file (default: the repository's)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    serve = sub.add_parser(
        "serve",
        help="answer `oversight hook` from a resident process (faster hooks)",
        description="Answer `oversight hook AGENT` processes over a Unix socket, so each hook only starts "
        "Python and asks; the answers are exactly the in-process ones, and a hook whose server is absent or "
        "fails decides in-process. Only the same user (or root) is served. Stops on SIGTERM or SIGINT.",
    )
    serve.add_argument(
        "--socket",
        metavar="PATH",
        help="socket path (default: $OVERSIGHT_GUARD_SOCKET, else DATA/oversight/guard.sock with DATA "
        "$XDG_DATA_HOME or ~/.local/share)",
    )


def run(args: argparse.Namespace) -> int:
    if args.guard_command == "serve":
        from .server import serve

        return serve(args.socket)
    from ..policy import load_policy

    if args.guard_command == "policy":
        policy = load_policy(args.path, args.policy)
        if args.format == "json":
            print(json.dumps(policy.to_json(), indent=2))
        else:
            _print_policy(policy.to_json())
        return 0
    from ..types import Action
    from .decide import decide

    cwd = str(Path(args.cwd or ".").resolve())
    if args.action_json is not None:
        action = _action_from_json(_read_json(args.action_json), cwd)
    elif args.shell_command is not None:
        action = Action("command", tool="Bash", command=args.shell_command, cwd=cwd)
    else:
        action = Action(args.kind, paths=(args.path,), cwd=cwd, content="" if args.kind == "write" else None)
    policy = load_policy(action.cwd or cwd, args.policy)
    decision = decide(action, policy)
    if args.format == "json":
        print(json.dumps(decision.to_json(), indent=2))
    else:
        print(f"{decision.outcome}" + (f" ({decision.rule})" if decision.rule else ""))
        for reason in decision.reasons:
            print(f"  {reason}")
    return _EXITS[decision.outcome]


def _print_policy(data: dict[str, object]) -> None:
    print(f"root:   {data['root']}")
    print(f"source: {data['source'] or '(none: built-ins only)'}")
    print(f"medium findings: {data['medium']}")
    print("rules (first match wins, deny before ask):")
    rules = data["rules"]
    assert isinstance(rules, list)
    for rule in rules:
        print(f"  {rule['outcome']:<4}  {rule['rule']:<28}  {rule['pattern']}")
    for key in ("read_only_paths", "secret_paths"):
        paths = data[key]
        assert isinstance(paths, list)
        print(f"{key.replace('_', ' ')}:" + ("" if paths else " (none)"))
        for path in paths:
            print(f"  {path}")


def _read_json(where: str) -> object:
    try:
        text = sys.stdin.read() if where == "-" else Path(where).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {where}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{'stdin' if where == '-' else where}: not JSON: {exc}") from None


def _action_from_json(data: object, cwd: str) -> Action:
    """An Action from its JSON form; UsageError naming the first bad field."""
    from ..types import Action

    if not isinstance(data, dict):
        raise UsageError("the action must be a JSON object")
    known = {f.name for f in fields(Action)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise UsageError(f"unknown action field {unknown[0]!r} (known: {', '.join(sorted(known))})")
    if data.get("kind") not in _KINDS:
        raise UsageError(f"action kind must be one of {', '.join(_KINDS)}")
    values: dict[str, object] = {"cwd": cwd}
    for name, value in data.items():
        if name == "paths":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UsageError("action field 'paths' must be a list of strings")
            value = tuple(value)
        elif name == "edits":
            if not isinstance(value, list) or not all(
                isinstance(v, list) and len(v) == 2 and all(isinstance(s, str) for s in v) for v in value
            ):
                raise UsageError("action field 'edits' must be a list of [old, new] string pairs")
            value = tuple((old, new) for old, new in value)
        elif name == "touches_files":
            if not isinstance(value, bool):
                raise UsageError("action field 'touches_files' must be true or false")
        elif value is not None and not isinstance(value, str):
            raise UsageError(f"action field {name!r} must be a string")
        values[name] = value
    return Action(**values)  # type: ignore[arg-type]
