"""`oversight run [--policy FILE] [--allow-unenforced] -- COMMAND...`: run an agent (or any command) so that
it and every child can read but never write the policy's protected paths, nor read the ledger's keys.

Exit status: COMMAND's (a signal n gives 128+n); 2 when the sandbox cannot be set up, with one line on
stderr naming the missing kernel piece, unless --allow-unenforced, which runs anyway and says loudly what is
not enforced.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from .landlock import abi_version
from .mountns import MountPlan, plan_mounts

EXIT_SETUP = 2

if TYPE_CHECKING:
    from ..policy import Policy


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this command's arguments (COMMAND comes after `--`)."""
    parser.add_argument("--policy", metavar="FILE", help="policy file (default: the repository's)")
    parser.add_argument(
        "--allow-unenforced",
        action="store_true",
        help="run even where the kernel cannot enforce the policy, saying on stderr what is not enforced",
    )
    parser.add_argument(
        "--protect-ask", action="store_true", help="make the policy's `ask` paths read-only too"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the mount plan and what is not enforced; run nothing"
    )


def _expected(policy: Policy, include_ask: bool) -> list[str]:
    """Where the policy protects names that may not exist yet: a path for a literal pattern (a trailing
    `**` allowed), FOLDER/* for one whose last part is a glob. A leading `**` is taken at its base only."""
    from ..guard.paths import is_literal, unescape

    wanted = ("deny", "ask") if include_ask else ("deny",)
    found = []
    for rule in policy.rules:
        segments = list(rule.segments)
        while segments and segments[-1] == "**":
            segments.pop()
        if segments[:1] == ["**"]:
            if rule.base == "/":
                continue  # anywhere on the machine: nothing to seal
            segments = segments[1:]
        if rule.name == "builtin:policy-table" and (
            policy.source is None or policy.source.name != "pyproject.toml"
        ):
            continue
        if rule.outcome not in wanted or not segments or not all(is_literal(s) for s in segments[:-1]):
            continue
        folder = os.path.join(rule.base, *(unescape(s) for s in segments[:-1]))
        last = segments[-1]
        found.append(os.path.join(folder, unescape(last)) if is_literal(last) else os.path.join(folder, "*"))
    return found


def build_plan(args: argparse.Namespace, cwd: Path) -> MountPlan:
    """The mount plan for this invocation's policy."""
    from ..policy import load_policy

    policy = load_policy(cwd, args.policy)
    return plan_mounts(
        policy.root,
        cwd,
        policy.read_only_paths(include_ask=args.protect_ask),
        policy.secret_paths(),
        expected=_expected(policy, args.protect_ask),
        allow_unenforced=args.allow_unenforced,
    )


def _say(message: str) -> None:
    sys.stderr.write(f"oversight run: {message}\n")


def preflight(plan: MountPlan) -> int | None:
    """Refuse (2) what the kernel or the repository cannot enforce, unless running unenforced is allowed;
    warn about names that could still be created. None when the command may run."""
    refusals = []
    if plan.hard_links:
        shown = ", ".join(plan.hard_links[:5]) + (" ..." if len(plan.hard_links) > 5 else "")
        refusals.append(
            f"protected files have another hard link, through which they could be changed: {shown}"
        )
    if abi_version() < 1:
        refusals.append("Landlock is not available in this kernel (the command could change its mounts)")
    for message in refusals:
        if not plan.allow_unenforced:
            _say(f"cannot set up the sandbox: {message}")
            return EXIT_SETUP
        _say(f"NOT ENFORCED: {message}")
    if plan.unenforced:
        shown = "; ".join(plan.unenforced[:3]) + (
            f"; and {len(plan.unenforced) - 3} more" if len(plan.unenforced) > 3 else ""
        )
        _say(f"note: not enforced: {shown} (see --dry-run)")
    return None


def run(args: argparse.Namespace) -> int:
    """`oversight run`: plan, check, then run the command in the namespaces and return its status."""
    command = list(getattr(args, "pytest_args", []) or [])
    if not command and not args.dry_run:
        raise UsageError("nothing to run: oversight run [--policy FILE] [--allow-unenforced] -- COMMAND...")
    if args.policy and not Path(args.policy).is_file():
        raise UsageError(f"no policy file {args.policy}")
    try:
        cwd = Path(os.getcwd())
    except OSError as exc:
        raise UsageError(f"the working directory is gone: {exc.strerror or exc}") from None
    plan = build_plan(args, cwd)
    if args.dry_run:
        print(plan.describe())
        return 0
    refused = preflight(plan)
    if refused is not None:
        return refused
    from .enforce import run_under

    return run_under(plan, command)
