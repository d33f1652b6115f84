"""The `oversight` command line: parses arguments and calls the packages; no logic of its own.

Exit statuses: 0 success / nothing at or above the threshold, 1 findings at or above it, 2 bad input or usage
(one line on stderr, never a traceback). `verify`: 0 pass, 1 fail, 3 tampered, 2 error (could not run).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from .argtypes import positive_float, positive_int
from .errors import UsageError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_TAMPERED = 3
VERDICT_EXIT = {"pass": EXIT_OK, "fail": EXIT_FINDINGS, "tampered": EXIT_TAMPERED, "error": EXIT_USAGE}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="oversight", description="Oversight of AI coding agents.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    scan = sub.add_parser("scan", help="find reward hacks and oversight tampering in a change")
    scan.add_argument("path", nargs="?", default=".", help="repository (or a folder inside it); default .")
    scan.add_argument(
        "--base", help="base revision (default HEAD; with no --head, compares to the working tree)"
    )
    scan.add_argument("--head", help="head revision (default: the working tree)")
    scan.add_argument(
        "--diff", metavar="FILE|-", help="scan a unified diff from a file or stdin instead of git"
    )
    scan.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    scan.add_argument("--fail-on", choices=("high", "medium", "low", "never"), default="high")
    scan.add_argument(
        "--record",
        nargs="?",
        const="",
        metavar="LEDGER",
        help="also append the result to the ledger (default ledger)",
    )

    rules = sub.add_parser("rules", help="list the rules, or print one rule's documentation")
    rules.add_argument("rule", nargs="?", help="rule id (OV101) or name")
    rules.add_argument("--format", choices=("text", "json"), default="text")

    verify = sub.add_parser(
        "verify",
        help="run the tests with a verdict the code under test cannot forge",
        description="Run the repository's pytest suite on the working tree's code, with tests, conftest files "
        "and test configuration from a trusted revision, under a witness the code under test cannot reach. "
        "Exit status: 0 pass, 1 fail, 3 tampered, 2 error. Arguments after -- go to pytest.",
    )
    verify.add_argument("path", nargs="?", default=".", help="repository (or a folder inside it); default .")
    verify.add_argument("--base", default="HEAD", help="trusted revision the tests come from (default HEAD)")
    verify.add_argument("--format", choices=("text", "json"), default="text")
    verify.add_argument("--timeout", type=positive_float, default=600.0, help="seconds (default 600)")
    verify.add_argument(
        "--python", help="interpreter that runs the tests (default: PATH/.venv, else this one)"
    )
    verify.add_argument(
        "--memory", type=positive_int, default=8192, help="memory limit in MiB (default 8192)"
    )
    verify.add_argument("--network", action="store_true", help="leave the network on for the tests")
    verify.add_argument(
        "--pass-env",
        action="append",
        default=[],
        metavar="NAME",
        help="pass this environment variable on to the tests (repeatable; by default only PATH, HOME, locale)",
    )
    verify.add_argument(
        "--require-sandbox", action="store_true", help="error out where the kernel sandbox is unavailable"
    )
    verify.add_argument(
        "--record",
        nargs="?",
        const="",
        metavar="LEDGER",
        help="also append the verdict to the ledger (default ledger)",
    )

    log = sub.add_parser(
        "log",
        help="the ledger: append events, sign checkpoints, prove and verify",
        description="A tamper-evident record of agent events: an RFC 6962 Merkle log with signed checkpoints. "
        "The ledger is --ledger PATH_OR_URL (a SQLite file, or postgresql://... for a shared PostgreSQL "
        "database), else $OVERSIGHT_LEDGER, else ~/.local/share/oversight/ledger.db.",
    )
    log_sub = log.add_subparsers(dest="log_command", required=True, parser_class=_Parser)
    log_parsers = {
        "append": "append JSON events read from stdin (one object, or JSON lines); prints each index",
        "checkpoint": "print the latest signed checkpoint",
        "verify": "recompute the log and check it against its signed checkpoint (and a saved one)",
        "prove": "print an inclusion or consistency proof as JSON",
        "verify-proof": "check a proof printed by `prove` offline (read from a file or stdin)",
        "show": "print events, filtered",
        "witness": "cosign the latest checkpoint after a consistency proof from the last one witnessed",
    }
    for name, help_text in log_parsers.items():
        command = log_sub.add_parser(name, help=help_text)
        command.add_argument(
            "--ledger",
            default=None,
            metavar="PATH_OR_URL",
            help="ledger file or postgresql:// URL (default $OVERSIGHT_LEDGER or "
            "~/.local/share/oversight/ledger.db)",
        )
        command.add_argument(
            "--key",
            default=None,
            help="signing key file (default LEDGER.key; for a URL ~/.local/share/oversight/keys/pg-HASH.key)",
        )
        if name == "append":
            command.add_argument("--kind", help="set this kind on events that have none")
            command.add_argument(
                "--socket",
                help="ledger server socket (default LEDGER.sock, or pg-HASH.sock for a URL; used when present)",
            )
        elif name == "verify":
            command.add_argument(
                "--checkpoint", metavar="FILE", help="a checkpoint saved earlier: the log must extend it"
            )
        elif name == "prove":
            command.add_argument("--index", type=int, help="inclusion proof for entry N")
            command.add_argument(
                "--size", type=int, help="in the tree of this size (default: the current size)"
            )
            command.add_argument(
                "--consistency", type=int, nargs=2, metavar=("M", "N"), help="consistency proof M -> N"
            )
        elif name == "verify-proof":
            command.add_argument("proof", nargs="?", default="-", help="proof JSON file (default stdin)")
            command.add_argument(
                "--checkpoint",
                metavar="FILE",
                help="a signed checkpoint the proof's size and root must match",
            )
            command.add_argument(
                "--vkey", help="the log's verifier key (default: the one stored in --ledger)"
            )
        elif name == "witness":
            command.add_argument(
                "--store",
                metavar="DIR",
                help="the witness's own folder (its key, and per log the last checkpoint)",
            )
            command.add_argument(
                "--git-repo",
                metavar="PATH",
                help="keep each cosigned checkpoint as a commit on a ref in this (other) git repository; "
                "the witness key is in --store, else in that repository's git directory",
            )
            command.add_argument(
                "--ref", help="the ref for --git-repo (default refs/oversight/witness/<log origin>)"
            )
        elif name == "show":
            command.add_argument("--kind")
            command.add_argument("--session")
            command.add_argument("--agent")
            command.add_argument("--since", help="RFC 3339 time: events at or after it")
            command.add_argument("--format", choices=("text", "json", "jsonl"), default="text")

    ledger = sub.add_parser("ledger", help="run the ledger's writer")
    ledger_sub = ledger.add_subparsers(dest="ledger_command", required=True, parser_class=_Parser)
    serve = ledger_sub.add_parser(
        "serve", help="own the ledger database and key; take events over a Unix socket (LEDGER.sock)"
    )
    serve.add_argument(
        "--ledger",
        default=None,
        metavar="PATH_OR_URL",
        help="ledger file or postgresql:// URL (default $OVERSIGHT_LEDGER or "
        "~/.local/share/oversight/ledger.db)",
    )
    serve.add_argument(
        "--key",
        default=None,
        help="signing key file (default LEDGER.key; for a URL ~/.local/share/oversight/keys/pg-HASH.key)",
    )
    serve.add_argument(
        "--socket",
        default=None,
        help="socket path (default LEDGER.sock; for a URL ~/.local/share/oversight/pg-HASH.sock)",
    )

    from .evals import commands as eval_commands
    from .guard import commands as guard_commands
    from .guard import install as guard_install
    from .sandbox import run_command

    sub.add_parser(
        "hook",
        help="answer a coding agent's hook event (stdin) in its own format: claude-code, codex, gemini, "
        "cursor, copilot",
    ).add_argument("agent")
    guard_install.configure(
        sub.add_parser("install", help="install oversight's hooks for an agent, or git's hooks")
    )
    guard_commands.configure(sub.add_parser("guard", help="the guard's policy and decisions"))
    run_command.configure(
        sub.add_parser(
            "run",
            help="run a command (an agent) that can read but never write protected paths",
            description="Run COMMAND so that it and every child can read but never write the policy's "
            "denied and built-in protected paths, nor read the ledger's keys. Exit status: COMMAND's; "
            "2 when the sandbox cannot be set up. Usage: oversight run [--policy FILE] -- COMMAND...",
        )
    )
    eval_commands.configure(sub.add_parser("eval", help="run the evaluation suite and report on it"))

    bench = sub.add_parser("bench", help="measure oversight on a labelled corpus")
    bench_sub = bench.add_subparsers(dest="bench_command", required=True, parser_class=_Parser)
    bench_scan = bench_sub.add_parser("scan", help="precision / recall of `scan` on a corpus of cases")
    bench_scan.add_argument("corpus", help="directory of cases (CASE/case.toml, CASE/before, CASE/after)")
    bench_scan.add_argument("--format", choices=("text", "json"), default="text")
    bench_scan.add_argument(
        "--check",
        action="store_true",
        help="exit 1 unless the quality bar (recall, FPR, no benign high) is met",
    )
    bench_scan.add_argument("--verbose", action="store_true", help="print each case's verdict and findings")
    bench_scan.add_argument(
        "--as-diff",
        action="store_true",
        help="scan each case only through a unified diff of it (no whole files)",
    )
    bench_verify = bench_sub.add_parser(
        "verify", help="plain pytest's exit status beside `verify`'s verdict on a corpus of repositories"
    )
    bench_verify.add_argument("corpus", help="directory of cases (CASE/case.toml, CASE/base, CASE/agent)")
    bench_verify.add_argument("--format", choices=("text", "json"), default="text")
    bench_verify.add_argument(
        "--check", action="store_true", help="exit 1 unless every case gets its expected verdict"
    )
    bench_verify.add_argument("--case", action="append", help="run only this case (repeatable)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["hook"]:
        # The hot path: a hook runs on every tool call, so it skips the parser and imports only itself.
        from .guard.hook import main as hook_main

        return hook_main(argv[1:])
    passthrough: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, passthrough = argv[:cut], argv[cut + 1 :]
    try:
        args = build_parser().parse_args(argv)
        if passthrough and args.command not in ("verify", "run"):
            raise UsageError(f"unexpected arguments after --: {' '.join(passthrough)}")
        args.pytest_args = passthrough
        handler = _HANDLERS[args.command]
        return handler(args)
    except UsageError as exc:
        print(f"oversight: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("oversight: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _cmd_scan(args: argparse.Namespace) -> int:
    from .detect import scan
    from .detect.output import render_json, render_sarif, render_text
    from .detect.sources import SourceError
    from .detect.sources.diff import change_from_diff
    from .detect.sources.git import base_reader, change_from_git
    from .types import Severity

    try:
        if args.diff is not None:
            if args.head:
                raise UsageError("--diff cannot be combined with --head")
            text = _read_diff(args.diff)
            change = change_from_diff(text, base_reader(Path(args.path), args.base))
        else:
            change = change_from_git(Path(args.path), base=args.base, head=args.head)
    except SourceError as exc:
        raise UsageError(str(exc)) from None
    result = scan(change)
    if args.format == "json":
        output = render_json(result)
    elif args.format == "sarif":
        output = render_sarif(result)
    else:
        output = render_text(result, color=sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    print(output)
    if args.record is not None:
        counts = {level.label: sum(1 for f in result.findings if f.severity == level) for level in Severity}
        worst = max((f.severity for f in result.findings), default=None)
        _record(
            args.record,
            "scan",
            str(Path(args.path).resolve()),
            worst.label if worst else "clean",
            {
                "findings": [f.to_json() for f in result.findings][:500],
                "counts": counts,
                "change": change.description,
            },
        )
    if args.fail_on == "never":
        return EXIT_OK
    return EXIT_FINDINGS if result.at_or_above(Severity.parse(args.fail_on)) else EXIT_OK


def _read_diff(where: str) -> str:
    try:
        data = sys.stdin.buffer.read() if where == "-" else Path(where).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read diff {where}: {exc.strerror or exc}") from None
    if b"\0" in data:
        raise UsageError(f"{'stdin' if where == '-' else where} is binary, not a unified diff")
    text = data.decode("utf-8", errors="replace")
    if not text.strip():
        raise UsageError(f"empty diff: {'stdin' if where == '-' else where}")
    return text


def _cmd_rules(args: argparse.Namespace) -> int:
    import json

    from .detect.registry import FAMILIES, all_rules, find_rule

    if args.rule:
        rule = find_rule(args.rule)
        if rule is None:
            raise UsageError(f"no rule {args.rule!r} (run `oversight rules` for the list)")
        if args.format == "json":
            print(json.dumps(_rule_json(rule), indent=2))
        else:
            print(f"{rule.id} {rule.name} ({rule.severity.label}, {FAMILIES[rule.family]})\n")
            print(rule.doc())
        return EXIT_OK
    rules = all_rules()
    if args.format == "json":
        print(json.dumps([_rule_json(rule) for rule in rules], indent=2))
        return EXIT_OK
    for rule in rules:
        print(f"{rule.id}  {rule.severity.label:<6}  {rule.family:<14}  {rule.name:<34}  {rule.summary()}")
    return EXIT_OK


def _rule_json(rule: object) -> dict[str, object]:
    from .detect.registry import Rule

    assert isinstance(rule, Rule)
    return {
        "id": rule.id,
        "name": rule.name,
        "severity": rule.severity.label,
        "family": rule.family,
        "summary": rule.summary(),
        "doc": rule.doc(),
    }


def _cmd_verify(args: argparse.Namespace) -> int:
    import json

    from .verify import verify
    from .verify.output import render_text

    verdict = verify(
        args.path,
        args.base,
        pytest_args=args.pytest_args,
        timeout=args.timeout,
        python=args.python,
        memory_bytes=args.memory * 1024 * 1024,
        network=args.network,
        require_sandbox=args.require_sandbox,
        pass_env=args.pass_env,
    )
    if args.format == "json":
        print(json.dumps(verdict.to_json(), indent=2))
    else:
        print(render_text(verdict, color=sys.stdout.isatty() and "NO_COLOR" not in os.environ))
    if args.record is not None:
        summary = {k: v for k, v in verdict.to_json().items() if k != "outcomes"}
        summary["not_passed"] = [o.to_json() for o in verdict.outcomes if o.outcome in ("failed", "missing")][
            :200
        ]
        _record(args.record, "verdict", str(Path(args.path).resolve()), verdict.verdict, summary)
    if verdict.verdict == "error" and args.format == "text":
        reasons = [e.message for e in verdict.evidence if e.kind == "error"]
        print(
            f"oversight: error: {reasons[-1] if reasons else 'the tests could not be run'}", file=sys.stderr
        )
    return VERDICT_EXIT[verdict.verdict]


def _record(ledger: str, kind: str, repo: str, outcome: str, payload: dict[str, object]) -> None:
    """Append a result to the ledger; a ledger that refuses is a usage error (the result was printed)."""
    from .ledger.record import LedgerError, record
    from .types import Event

    try:
        index = record(Event(kind, repo=repo, outcome=outcome, payload=payload), ledger or None)
    except LedgerError as exc:
        raise UsageError(f"could not record to the ledger: {exc}") from None
    print(f"oversight: recorded as ledger entry {index}", file=sys.stderr)


def _cmd_bench(args: argparse.Namespace) -> int:
    if args.bench_command == "verify":
        return _cmd_bench_verify(args)
    from .detect.bench import bench_scan, render_json, render_text
    from .detect.sources import SourceError

    try:
        report = bench_scan(Path(args.corpus), as_diff=args.as_diff)
    except SourceError as exc:
        raise UsageError(str(exc)) from None
    if args.verbose:
        for result in report.results:
            verdict = "flagged" if result.flagged else "clean"
            print(f"{result.case.name}: {result.case.label} -> {verdict}", file=sys.stderr)
            for f in result.findings:
                print(f"    {f.severity.label} {f.rule} {f.path}:{f.line} {f.message}", file=sys.stderr)
    print(render_json(report) if args.format == "json" else render_text(report))
    if args.check and not report.meets_bar():
        return EXIT_FINDINGS
    return EXIT_OK


def _cmd_bench_verify(args: argparse.Namespace) -> int:
    import json

    from .verify.bench import BenchError, bench_verify, render_text

    try:
        report = bench_verify(Path(args.corpus), only=args.case)
    except BenchError as exc:
        raise UsageError(str(exc)) from None
    print(json.dumps(report.to_json(), indent=2) if args.format == "json" else render_text(report))
    if args.check and not report.all_correct:
        return EXIT_FINDINGS
    return EXIT_OK


def _cmd_log(args: argparse.Namespace) -> int:
    from .ledger import commands

    try:
        return commands.run(args.log_command, vars(args), sys.stdin, sys.stdout, sys.stderr)
    except commands.CommandError as exc:
        raise UsageError(str(exc)) from None


def _cmd_ledger(args: argparse.Namespace) -> int:
    from .ledger import LedgerError, default_ledger
    from .ledger.locations import default_socket, redacted
    from .ledger.server import serve

    location = args.ledger or default_ledger()
    socket_path = args.socket or default_socket(location)
    print(f"oversight: ledger server for {redacted(location)} on {socket_path}", file=sys.stderr)
    try:
        serve(location, args.key, socket_path)
    except LedgerError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot serve on {socket_path}: {exc.strerror or exc}") from None
    return EXIT_OK


def _cmd_delegate(args: argparse.Namespace) -> int:
    """Commands whose packages parse and run themselves: `configure(parser)` and `run(args) -> int`."""
    from .evals import commands as eval_commands
    from .guard import commands as guard_commands
    from .guard import install as guard_install
    from .sandbox import run_command

    modules = {"install": guard_install, "guard": guard_commands, "run": run_command, "eval": eval_commands}
    status: int = modules[args.command].run(args)
    return status


_HANDLERS = {
    "scan": _cmd_scan,
    "install": _cmd_delegate,
    "guard": _cmd_delegate,
    "run": _cmd_delegate,
    "eval": _cmd_delegate,
    "rules": _cmd_rules,
    "verify": _cmd_verify,
    "log": _cmd_log,
    "ledger": _cmd_ledger,
    "bench": _cmd_bench,
}


if __name__ == "__main__":
    sys.exit(main())
