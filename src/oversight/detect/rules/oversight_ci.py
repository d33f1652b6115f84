"""CI weakening (OV701-OV709): checks removed from, masked in, or no longer triggered by CI and task runners.

Every supported file (GitHub workflows, GitLab CI, other CI YAML, CI shell scripts, Makefiles, tox.ini,
noxfile.py, package.json scripts) is reduced, before and after, to *check units*: a scope (job, target, tox
env, nox session, npm script), the checks it runs (tests, lint, type checks, security scans, by parsing each
command with `shellwords`) and how its failure is ignored if it is (`if: false`, `continue-on-error`,
`allow_failure`, `|| true`, `; exit 0`, `set +e`, a `-` recipe prefix, `ignore_outcome`). Rules compare the
two: a check that ran and no longer runs anywhere, a check whose failure is now ignored, a trigger dropped.
"""

from __future__ import annotations

import ast
import configparser
import json
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from ...types import Severity
from ..context import FileContext
from ..registry import Rule, register
from ..shellwords import SimpleCommand, commands, commands_of_lines, exits_zero
from .oversight_common import (
    CHECK_KINDS,
    WEAK,
    action_kinds,
    check_kinds,
    is_ci_script,
    is_github_workflow,
    is_gitlab_ci,
    is_hook_path,
    is_other_ci_yaml,
    load_yaml,
    mapping_line,
    name_kinds,
    value_line,
)


@dataclass(frozen=True)
class Unit:
    """One check a CI file or task runs: where, which kinds, and how (if at all) its failure is ignored."""

    scope: str
    kinds: frozenset[str]
    line: int
    label: str
    ignored: str | None = None  # how its result is thrown away
    experimental: bool = False  # ignored only for an explicitly experimental matrix entry


@dataclass
class Analysis:
    units: list[Unit]
    scopes: set[str]
    ci: bool  # a CI config (its checks gate merges), as opposed to a developer task runner


# -- shell scripts ------------------------------------------------------------------------------------
def script_units(
    cmds: list[SimpleCommand], scope: str, base_line: int, *, errexit: bool, ignored: str | None = None
) -> list[Unit]:
    """Check units of a script's commands, with the way each one's failure is masked."""
    out: list[Unit] = []
    state: bool | None = True if errexit else None  # errexit on, explicitly off (False), or never set
    states: list[bool | None] = []
    for cmd in cmds:
        if cmd.name == "set" and not cmd.conditional:
            args = list(cmd.argv[1:])
            for pos, flag in enumerate(args):
                if flag.startswith("--"):
                    continue
                if flag in {"-o", "+o"} and pos + 1 < len(args) and args[pos + 1] == "errexit":
                    state = flag == "-o"
                elif flag[:1] in {"-", "+"} and "e" in flag[1:] and flag not in {"-o", "+o"}:
                    state = flag[0] == "-"
        states.append(state)
    for index, cmd in enumerate(cmds):
        kinds = check_kinds(cmd.argv)
        if not kinds:
            continue
        how = ignored or _masked(cmds, index, states)
        label = " ".join(cmd.argv)[:120]
        out.append(Unit(scope, frozenset(kinds), base_line + cmd.line - 1, label, how))
    return out


def _masked(cmds: list[SimpleCommand], index: int, states: list[bool | None]) -> str | None:
    cmd = cmds[index]
    if cmd.masked_by:
        return f"`{cmd.masked_by}` after it"
    if cmd.negated:
        return "negated with `!`"
    if cmd.substituted:
        return None
    for later in cmds[index + 1 :]:
        if any("$?" in w or "PIPESTATUS" in w for w in later.argv) or any("$?" in v for _, v in later.env):
            return None
        if (
            exits_zero(later)
            and len(later.argv) == 2
            and not later.conditional
            and not later.substituted
            and (states[index] is not True or later.line == cmd.line)
        ):
            return "followed by `exit 0`"
    if states[index] is False and index < len(cmds) - 1:
        return "run under `set +e` with its status never read"
    return None


# -- GitHub Actions ------------------------------------------------------------------------------------
def _false_condition(value: Any) -> bool:
    if value is False or value == 0:
        return True
    if not isinstance(value, str):
        return False
    text = value.strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2].strip()
    text = text.strip().lower()
    while text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if text in {"false", "0", "null", "''", '""'}:
        return True
    conjuncts = [part.strip().strip("()").strip() for part in text.split("&&")]
    return len(conjuncts) > 1 and any(part in {"false", "0"} for part in conjuncts)


def _true_flag(value: Any) -> str | None:
    """'yes' when a continue-on-error / allow_failure value is true, 'matrix' when it is a matrix expression."""
    if value is True:
        return "yes"
    if isinstance(value, str):
        text = value.strip().lower()
        if text in {"true", "${{ true }}", "${{true}}"}:
            return "yes"
        if "matrix." in text or "experimental" in text or "inputs." in text:
            return "matrix"
    return None


def _has_experimental_matrix(job: Any) -> bool:
    strategy = job.get("strategy") if isinstance(job, dict) else None
    matrix = strategy.get("matrix") if isinstance(strategy, dict) else None
    if not isinstance(matrix, dict):
        return False
    for key in ("include",):
        for entry in matrix.get(key) or []:
            if isinstance(entry, dict) and any("experiment" in str(k).lower() for k in entry):
                return True
    return any("experiment" in str(k).lower() for k in matrix)


def github_units(doc: Any) -> Analysis | None:
    if not isinstance(doc, dict):
        return None
    jobs = doc.get("jobs")
    units: list[Unit] = []
    scopes: set[str] = set()
    if not isinstance(jobs, dict):
        return Analysis(units, scopes, True)
    for job_id, job in jobs.items():
        if not isinstance(job, dict):
            continue
        scope = str(job_id)
        scopes.add(scope)
        job_ignored: str | None = None
        experimental = False
        if _false_condition(job.get("if")):
            job_ignored = "job disabled with `if: false`"
        flag = _true_flag(job.get("continue-on-error"))
        if flag == "yes" and job_ignored is None:
            job_ignored = "job marked `continue-on-error: true`"
            experimental = _has_experimental_matrix(job)
        if isinstance(job.get("uses"), str):
            uses = job["uses"]
            kinds = name_kinds(uses.split("@")[0]) or set(CHECK_KINDS)
            units.append(
                Unit(
                    scope,
                    frozenset(kinds),
                    value_line(job, "uses"),
                    f"uses {uses}",
                    job_ignored,
                    experimental,
                )
            )
        steps = job.get("steps")
        if not isinstance(steps, list):
            continue
        for step in steps:
            if not isinstance(step, dict):
                continue
            ignored = job_ignored
            step_experimental = experimental
            if ignored is None and _false_condition(step.get("if")):
                ignored = "step disabled with `if: false`"
            if ignored is None and _true_flag(step.get("continue-on-error")) == "yes":
                ignored = "step marked `continue-on-error: true`"
                step_experimental = _has_experimental_matrix(job)
            if isinstance(step.get("uses"), str):
                kinds = action_kinds(step["uses"])
                if kinds:
                    units.append(
                        Unit(
                            scope, frozenset(kinds), value_line(step, "uses"), str(step["uses"]), ignored,
                            step_experimental,
                        )
                    )  # fmt: skip
            run = step.get("run")
            if isinstance(run, str):
                shell = str(
                    step.get("shell") or (job.get("defaults") or {}).get("run", {}).get("shell") or "bash"
                )
                errexit = ("bash" in shell and "{0}" not in shell) or "-e" in shell
                for unit in script_units(
                    commands(run), scope, value_line(step, "run"), errexit=errexit, ignored=ignored
                ):
                    units.append(
                        Unit(unit.scope, unit.kinds, unit.line, unit.label, unit.ignored, step_experimental)
                    )
    return Analysis(units, scopes, True)


# -- GitLab CI ----------------------------------------------------------------------------------------
_GITLAB_RESERVED = frozenset(
    {"stages", "variables", "default", "include", "workflow", "image", "services", "before_script",
     "after_script", "cache", "pages_defaults", "types", "spec"}
)  # fmt: skip


def _gitlab_job(doc: dict[Any, Any], job: dict[Any, Any], depth: int = 0) -> dict[Any, Any]:
    extends = job.get("extends")
    if not extends or depth > 5:
        return job
    merged: dict[Any, Any] = {}
    for parent in [extends] if isinstance(extends, str) else list(extends):
        base = doc.get(parent)
        if isinstance(base, dict):
            merged.update(_gitlab_job(doc, base, depth + 1))
    merged.update(job)
    return merged


def _lines_of(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(_lines_of(item))
        return out
    return []


def gitlab_units(doc: Any) -> Analysis | None:
    if not isinstance(doc, dict):
        return None
    units: list[Unit] = []
    scopes: set[str] = set()
    for name, raw in doc.items():
        if not isinstance(raw, dict) or str(name) in _GITLAB_RESERVED or str(name).startswith("."):
            continue
        job = _gitlab_job(doc, raw)
        if not any(k in job for k in ("script", "trigger", "run")):
            continue
        scope = str(name)
        scopes.add(scope)
        ignored: str | None = None
        when = job.get("when")
        rules = job.get("rules")
        if when == "never":
            ignored = "job set to `when: never`"
        elif when == "manual":
            ignored = "job made `when: manual`"
        elif (
            isinstance(rules, list)
            and rules
            and all(isinstance(r, dict) and r.get("when") == "never" for r in rules)
        ):
            ignored = "every rule says `when: never`"
        allow = job.get("allow_failure")
        if ignored is None and (allow is True or (isinstance(allow, str) and allow.lower() == "true")):
            ignored = "job marked `allow_failure: true`"
        lines = _lines_of(job.get("before_script")) + _lines_of(job.get("script"))
        base = value_line(raw, "script", mapping_line(raw))
        for unit in script_units(commands_of_lines(lines), scope, base, errexit=True, ignored=ignored):
            units.append(unit)
    return Analysis(units, scopes, True)


# -- other CI YAML (CircleCI, Azure, Travis, Bitbucket, Drone...) ----------------------------------------
_COMMAND_KEYS = frozenset(
    {"run", "script", "scripts", "command", "commands", "before_script", "bash", "pwsh", "powershell",
     "cmd", "install", "test", "steps", "inlineScript", "args", "entrypoint"}
)  # fmt: skip


def other_ci_units(doc: Any) -> Analysis | None:
    if doc is None:
        return None
    units: list[Unit] = []

    def walk(node: Any, scope: str, under_command: bool, line: int) -> None:
        if isinstance(node, dict):
            ignored_here = (
                _true_flag(node.get("allow_failure")) == "yes"
                or _true_flag(node.get("continueOnError")) == "yes"
            )
            if ignored_here or _false_condition(node.get("condition")):
                nested: list[Unit] = []
                for key, value in node.items():
                    collect(value, key, nested, value_line(node, key, line))
                for unit in nested:
                    units.append(Unit(scope, unit.kinds, unit.line, unit.label, "marked to ignore failure"))
                return
            for key, value in node.items():
                walk(
                    value,
                    scope if scope else str(key),
                    str(key) in _COMMAND_KEYS,
                    value_line(node, key, line),
                )
        elif isinstance(node, list):
            for item in node:
                walk(item, scope, under_command, line)
        elif isinstance(node, str) and under_command:
            units.extend(script_units(commands(node), scope or "pipeline", line, errexit=True))

    def collect(node: Any, key: Any, into: list[Unit], line: int) -> None:
        for text in _strings(node):
            into.extend(script_units(commands(text), "", line, errexit=True))

    walk(doc, "", False, 1)
    return Analysis(units, {u.scope for u in units}, True)


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


# -- Makefile -------------------------------------------------------------------------------------------
def make_units(text: str) -> Analysis:
    """Targets and their recipe lines (`-` prefix = errors ignored), with simple `$(VAR)` expansion."""
    variables: dict[str, str] = {}
    recipes: dict[str, list[tuple[int, str]]] = {}
    current: list[str] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        start = index
        line = lines[index]
        while line.endswith("\\") and index + 1 < len(lines):
            index += 1
            line = line[:-1] + " " + lines[index].lstrip("\t ")
        index += 1
        if line.startswith("\t"):
            if current:
                for target in current:
                    recipes.setdefault(target, []).append((start + 1, line[1:]))
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        head, sep, tail = _split_assignment(stripped)
        if sep:
            variables[head] = tail
            current = []
            continue
        if ":" in stripped and not stripped.startswith(
            (".", "define", "endef", "ifeq", "ifneq", "ifdef", "else")
        ):
            targets, _, rest = stripped.partition(":")
            current = [t for t in targets.split() if t and "%" not in t]
            for target in current:
                recipes.setdefault(target, [])
            inline = rest.partition(";")[2] if ";" in rest else ""
            if inline.strip():
                for target in current:
                    recipes[target].append((start + 1, inline.strip()))
        elif stripped.startswith((".PHONY", "include", "export", "ifeq", "ifneq", "endif", "else")):
            continue
    units: list[Unit] = []
    for target, body in recipes.items():
        for lineno, raw in body:
            recipe = raw.strip()
            ignored: str | None = None
            while recipe[:1] in {"@", "-", "+"}:
                if recipe[0] == "-":
                    ignored = "recipe line prefixed with `-` (errors ignored)"
                recipe = recipe[1:].lstrip()
            expanded = _expand(recipe, variables)
            cmds = commands(expanded.replace("$$", "$"))
            for unit in script_units(cmds, target, lineno, errexit=True, ignored=ignored):
                units.append(Unit(unit.scope, unit.kinds, lineno, unit.label, unit.ignored))
    return Analysis(units, set(recipes), False)


def _split_assignment(line: str) -> tuple[str, str, str]:
    for op in ("?=", ":=", "::=", "+=", "!="):
        head, sep, tail = line.partition(op)
        if sep and head.strip() and " " not in head.strip() and ":" not in head:
            return head.strip(), sep, tail.strip()
    head, sep, tail = line.partition("=")
    if sep and head.strip() and ":" not in head and " " not in head.strip():
        return head.strip(), sep, tail.strip()
    return "", "", ""


def _expand(text: str, variables: dict[str, str], depth: int = 0) -> str:
    if depth > 5 or ("$(" not in text and "${" not in text):
        return text
    out: list[str] = []
    index = 0
    while index < len(text):
        if text.startswith(("$(", "${"), index):
            close = ")" if text[index + 1] == "(" else "}"
            end = text.find(close, index + 2)
            name = text[index + 2 : end] if end > 0 else ""
            if end > 0 and name in variables:
                out.append(_expand(variables[name], variables, depth + 1))
                index = end + 1
                continue
            if end > 0 and name in {"MAKE", "MAKEFLAGS"}:
                out.append("make")
                index = end + 1
                continue
        out.append(text[index])
        index += 1
    return "".join(out)


# -- tox.ini ---------------------------------------------------------------------------------------------
def tox_units(text: str) -> Analysis | None:
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    lines = text.splitlines()
    units: list[Unit] = []
    scopes: set[str] = set()
    for section in parser.sections():
        if not (section == "testenv" or section.startswith("testenv:")):
            continue
        scope = section
        scopes.add(scope)
        env = parser[section]
        outcome = str(env.get("ignore_outcome", "")).strip().lower() == "true"
        errors_ignored = str(env.get("ignore_errors", "")).strip().lower() == "true"
        section_line = next((i + 1 for i, line in enumerate(lines) if line.strip() == f"[{section}]"), 1)
        for command in str(env.get("commands", "")).splitlines():
            command = command.strip()
            if not command or command.startswith("#"):
                continue
            ignored = "ignore_outcome = true" if outcome else None
            if command.startswith("-"):
                ignored = "command prefixed with `-` (exit code ignored)"
                command = command[1:].lstrip()
            lineno = next(
                (i + 1 for i, line in enumerate(lines) if i >= section_line and command in line), section_line
            )
            cmds = commands(command.replace("{posargs}", "").replace("{toxinidir}", "."))
            for unit in script_units(cmds, scope, lineno, errexit=True, ignored=ignored):
                units.append(Unit(unit.scope, unit.kinds, lineno, unit.label, unit.ignored))
        if errors_ignored and not outcome:
            pass
    return Analysis(units, scopes, False)


# -- noxfile.py -------------------------------------------------------------------------------------------
def nox_units(tree: ast.Module | None) -> Analysis | None:
    if tree is None:
        return None
    units: list[Unit] = []
    scopes: set[str] = set()
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not any("session" in ast.unparse(d) for d in node.decorator_list):
            continue
        scopes.add(node.name)
        for call in ast.walk(node):
            if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
                continue
            if call.func.attr not in {"run", "run_always"}:
                continue
            argv = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if not argv:
                continue
            kinds = check_kinds(tuple(argv))
            if not kinds:
                continue
            ignored = None
            for kw in call.keywords:
                if kw.arg == "success_codes" and isinstance(kw.value, ast.List | ast.Tuple | ast.Set):
                    codes = {
                        e.value
                        for e in kw.value.elts
                        if isinstance(e, ast.Constant) and isinstance(e.value, int)
                    }
                    if codes - {0, 5}:
                        ignored = f"`success_codes={sorted(codes)}`"
            units.append(Unit(node.name, frozenset(kinds), call.lineno, " ".join(argv)[:120], ignored))
    return Analysis(units, scopes, False)


# -- package.json scripts ------------------------------------------------------------------------------------
def package_units(text: str | None) -> Analysis | None:
    data = _json(text)
    if not isinstance(data, dict) or not isinstance(data.get("scripts"), dict):
        return None
    units: list[Unit] = []
    scopes: set[str] = set()
    lines = (text or "").splitlines()
    for name, script in data["scripts"].items():
        if not isinstance(script, str):
            continue
        scopes.add(str(name))
        lineno = next((i + 1 for i, line in enumerate(lines) if f'"{name}"' in line), 1)
        for unit in script_units(commands(script), str(name), 1, errexit=True):
            units.append(Unit(unit.scope, unit.kinds, lineno, unit.label, unit.ignored))
        if name_kinds(str(name)) & {"tests", "lint", "type checks"} and not any(
            u.scope == name for u in units
        ):
            pass
    return Analysis(units, scopes, False)


def _json(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


# -- dispatch --------------------------------------------------------------------------------------------
def ci_file_type(path: str, kind: str) -> str | None:
    name = PurePosixPath(path).name.lower()
    if is_hook_path(path):
        return None
    if is_github_workflow(path):
        return "github"
    if is_gitlab_ci(path):
        return "gitlab"
    if is_other_ci_yaml(path):
        return "other"
    if kind == "make" and name in {"makefile", "gnumakefile"}:
        return "make"
    if name == "tox.ini":
        return "tox"
    if name == "noxfile.py":
        return "nox"
    if name == "package.json" and "node_modules" not in path:
        return "package"
    if kind == "shell" and (is_ci_script(path) or name_kinds(PurePosixPath(path).stem) & {"tests", "lint"}):
        return "script"
    return None


def analyse(ctx: FileContext, *, before: bool) -> Analysis | None:
    cache_key = f"oversight_ci:{'before' if before else 'after'}"
    if cache_key in ctx.cache:
        cached: Analysis | None = ctx.cache[cache_key]
        return cached
    result = _analyse(ctx, before=before)
    ctx.cache[cache_key] = result
    return result


def _analyse(ctx: FileContext, *, before: bool) -> Analysis | None:
    path = ctx.change.old_path or ctx.path if before else ctx.path
    text = ctx.before_text if before else ctx.after_text
    kind = ctx.before_kind if before else ctx.kind
    file_type = ci_file_type(path, kind)
    if file_type is None or text is None:
        return None
    if file_type == "github":
        return github_units(load_yaml(text))
    if file_type == "gitlab":
        return gitlab_units(load_yaml(text))
    if file_type == "other":
        return other_ci_units(load_yaml(text))
    if file_type == "make":
        return make_units(text)
    if file_type == "tox":
        return tox_units(text)
    if file_type == "nox":
        return nox_units(ctx.before_tree if before else ctx.after_tree)
    if file_type == "package":
        return package_units(text)
    units = script_units(commands(text), "script", 1, errexit=False)
    return Analysis(units, {"script"}, True)


def _active(units: list[Unit]) -> set[str]:
    """Kinds of check that run with their failure counted (weak hints excluded)."""
    return {kind for unit in units if unit.ignored is None for kind in unit.kinds if not kind.endswith(WEAK)}


def _present(units: list[Unit]) -> set[str]:
    """Kinds of check that appear at all, weak hints counting for the kind they hint at."""
    return {kind.rstrip(WEAK) for unit in units for kind in unit.kinds}


def kinds_elsewhere(ctx: FileContext) -> set[str]:
    """Checks that other changed CI files or task runners run (actively) after the change."""
    key = "oversight_ci:elsewhere"
    table: dict[str, set[str]] | None = ctx.change_cache.get(key)
    if table is None:
        table = {}
        for sibling in ctx.siblings:
            analysis = analyse(sibling, before=False)
            table[sibling.path] = (
                _present([u for u in analysis.units if u.ignored is None]) if analysis else set()
            )
        ctx.change_cache[key] = table
    out: set[str] = set()
    for path, kinds in table.items():
        if path != ctx.path:
            out |= kinds
    return out


_CI_KINDS = frozenset({"yaml", "shell", "make", "ini", "python", "json"})


@register
class CiCheckRemoved(Rule):
    """CI (or a task CI calls) no longer runs tests, lint, type checks or a security scan it used to run.

    ## What it does
    Parses each CI configuration (GitHub workflows, GitLab CI, other CI YAML, CI shell scripts) and task
    runner (Makefile targets, tox envs, nox sessions, package.json scripts) before and after the change, and
    extracts every command that runs a check, seeing through wrappers (`python -m`, `uv run`, `make test`,
    `npm run lint`, `bash -c`). Reports a kind of check (tests, lint, type checks, security scan) that ran
    before and runs nowhere after, neither in this file nor in another CI file of the same change: a step or
    job deleted, a workflow deleted, a test command replaced by `echo`, a `test:` target hollowed out.

    ## Why is this bad?
    CI is the oversight that catches what an agent got wrong. An agent that cannot make the tests pass can
    make CI stop running them; every later check then reports green.

    ## Example
    ```yaml
    # before:  - run: pytest -q
    - run: echo "tests temporarily skipped"
    ```

    ## Legitimate look-alike
    ```yaml
    # tests moved to a new job or workflow, `pytest` replaced by `tox` / `make test`, a Python version
    # dropped from the matrix, an action version bumped, caching added, a step renamed
    - run: tox -e py312
    ```

    ## References
    - ../shared/RESEARCH.md §1-§3 (agents that patch the evaluator)
    """

    id = "OV701"
    name = "ci-check-removed"
    severity = Severity.HIGH
    family = "oversight"
    file_kinds = _CI_KINDS

    def check_file(self, ctx: FileContext) -> None:
        if ctx.change.before is None:
            return
        before = analyse(ctx, before=True)
        if before is None:
            return
        after = analyse(ctx, before=False) if ctx.change.after is not None else Analysis([], set(), before.ci)
        if after is None:
            return
        gone = _active(before.units) - _present(after.units)
        if not gone:
            return
        gone -= kinds_elsewhere(ctx)
        for kind in sorted(gone):
            lost = [u for u in before.units if kind in u.kinds and u.ignored is None]
            if not lost:
                continue
            if not before.ci and all(u.scope not in after.scopes for u in lost):
                continue  # a task runner target removed outright: OV704 (medium)
            first = lost[0]
            where = "file deleted" if ctx.change.after is None else f"`{first.label}` ({first.scope})"
            ctx.report(
                self,
                first.line,
                f"{kind} no longer run: {where} ran them and nothing in the change runs them now",
                evidence=ctx.snippet(first.line, before=True),
                before=True,
            )


@register
class TaskTargetRemoved(Rule):
    """A Makefile target, tox env, nox session or package.json script that ran checks was deleted.

    ## What it does
    Reports a developer task that ran a kind of check (tests, lint, type checks, security) which nothing in
    the file (or another changed CI file) runs any more after the task was removed.

    ## Why is this bad?
    CI and people call `make test` or `tox -e lint`; deleting the task removes the check behind a name
    nobody is looking at.

    ## Example
    ```make
    # before:
    # typecheck:
    # 	mypy src
    ```

    ## Legitimate look-alike
    ```make
    # `lint` and `format` targets merged into one `check` target that still runs ruff
    check:
        ruff check . && ruff format --check .
    ```
    """

    id = "OV704"
    name = "task-check-target-removed"
    severity = Severity.MEDIUM
    family = "oversight"
    file_kinds = _CI_KINDS

    def check_file(self, ctx: FileContext) -> None:
        if ctx.change.before is None or ctx.change.after is None:
            return
        before = analyse(ctx, before=True)
        after = analyse(ctx, before=False)
        if before is None or after is None or before.ci:
            return
        gone = _active(before.units) - _present(after.units) - kinds_elsewhere(ctx)
        for kind in sorted(gone):
            lost = [u for u in before.units if kind in u.kinds and u.ignored is None]
            if lost and all(u.scope not in after.scopes for u in lost):
                first = lost[0]
                ctx.report(
                    self,
                    first.line,
                    f"task `{first.scope}` that ran {kind} (`{first.label}`) was removed",
                    evidence=ctx.snippet(first.line, before=True),
                    before=True,
                )


def _newly_ignored(ctx: FileContext) -> list[tuple[Unit, bool]]:
    """After-units whose failure is ignored where the same scope's check was not: (unit, still run elsewhere)."""
    key = "oversight_ci:ignored"
    if key in ctx.cache:
        cached: list[tuple[Unit, bool]] = ctx.cache[key]
        return cached
    out: list[tuple[Unit, bool]] = []
    after = analyse(ctx, before=False)
    if after is not None:
        before = analyse(ctx, before=True) if ctx.change.before is not None else None
        was_ignored: dict[tuple[str, str], set[str]] = {}
        for unit in before.units if before else []:
            for kind in unit.kinds:
                was_ignored.setdefault((unit.scope, kind), set()).add(unit.ignored or "")
        active_after = _active(after.units)
        for unit in after.units:
            if unit.ignored is None:
                continue
            for kind in sorted(unit.kinds):
                if kind.endswith(WEAK):
                    continue
                previous = was_ignored.get((unit.scope, kind))
                if previous is not None and unit.ignored in previous:
                    continue
                if before is None and ctx.change.before is not None:
                    continue
                out.append((Unit(unit.scope, frozenset({kind}), unit.line, unit.label, unit.ignored,
                                 unit.experimental), kind in active_after))  # fmt: skip
                break
    ctx.cache[key] = out
    return out


@register
class CiCheckIgnored(Rule):
    """A check's failure is now ignored: `|| true`, `; exit 0`, `set +e`, `continue-on-error`, `if: false`.

    ## What it does
    Reports a command that runs tests, lint, type checks or a security scan whose failure the change made
    unable to fail its CI job or task, and no other unmasked command of the file still runs that kind of
    check: `pytest || true`, `pytest; exit 0`, `set +e` with the status never read, `! pytest`,
    `continue-on-error: true` or `if: false` on the step or job, GitLab `allow_failure: true` /
    `when: manual` / `when: never`, a Makefile `-pytest` recipe line, a tox `-pytest` command or
    `ignore_outcome = true`, a nox `success_codes=[0, 1]`.

    ## Why is this bad?
    The check still appears to run, so the workflow looks intact, but a failing test suite now reports
    success.

    ## Example
    ```yaml
    - name: Test
      run: pytest -q || true
    ```

    ## Legitimate look-alike
    ```yaml
    # an explicitly experimental matrix entry may fail
    continue-on-error: ${{ matrix.experimental }}
    # or the status is kept and re-raised
    - run: |
        set +e
        pytest; status=$?
        upload-report
        exit $status
    ```
    """

    id = "OV702"
    name = "ci-check-failure-ignored"
    severity = Severity.HIGH
    family = "oversight"
    file_kinds = _CI_KINDS

    def check_file(self, ctx: FileContext) -> None:
        for unit, elsewhere in _newly_ignored(ctx):
            if elsewhere or unit.experimental:
                continue
            kind = next(iter(unit.kinds))
            ctx.report(
                self,
                unit.line,
                f"{kind} can no longer fail {unit.scope}: `{unit.label}` {unit.ignored}",
                require_change=False,
            )


@register
class CiCheckPartlyIgnored(Rule):
    """One run of a check has its failure ignored while other runs of it still gate.

    ## What it does
    Like `ci-check-failure-ignored` (OV702), for a check that another job, step or target still runs with
    its failure counted, or for `continue-on-error` on a job whose matrix names an experimental entry.

    ## Why is this bad?
    Often an honest flaky-platform workaround, sometimes the one failing configuration an agent could not
    fix; it needs a look.

    ## Example
    ```yaml
    test-windows:
      continue-on-error: true
      steps:
        - run: pytest
    ```

    ## Legitimate look-alike
    ```yaml
    continue-on-error: ${{ matrix.experimental }}  # an expression: never reported
    ```
    """

    id = "OV703"
    name = "ci-check-partly-ignored"
    severity = Severity.MEDIUM
    family = "oversight"
    file_kinds = _CI_KINDS

    def check_file(self, ctx: FileContext) -> None:
        for unit, elsewhere in _newly_ignored(ctx):
            if not (elsewhere or unit.experimental):
                continue
            kind = next(iter(unit.kinds))
            why = "experimental matrix entry" if unit.experimental else f"{kind} still gate elsewhere"
            ctx.report(
                self,
                unit.line,
                f"{kind} failure ignored in {unit.scope}: `{unit.label}` {unit.ignored} ({why})",
                require_change=False,
            )


# -- triggers ------------------------------------------------------------------------------------------------
def _events(doc: Any) -> dict[str, Any] | None:
    if not isinstance(doc, dict):
        return None
    on = doc.get("on", doc.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {str(e): None for e in on}
    if isinstance(on, dict):
        return {str(k): v for k, v in on.items()}
    return None


_CHANGE_EVENTS = ("pull_request", "pull_request_target", "merge_group")


def _runs_on_changes(events: dict[str, Any]) -> bool:
    if any(e in events for e in _CHANGE_EVENTS):
        return True
    push = events.get("push", "absent")
    if push == "absent":
        return False
    if not isinstance(push, dict):
        return True
    branches = push.get("branches")
    return branches is None or any("*" in str(b) for b in branches or [])


@register
class CiTriggerDropped(Rule):
    """A workflow that runs checks no longer runs on pull requests or pushes.

    ## What it does
    Compares the `on:` triggers of a GitHub workflow that runs tests, lint, type checks or security scans.
    Reports the change when, before, the workflow ran on pull requests (or on every push) and, after, it runs
    only on a schedule, by hand (`workflow_dispatch`), or on pushes to named branches.

    ## Why is this bad?
    The checks still exist and look green on the default branch, but no pull request is gated by them.

    ## Example
    ```yaml
    on:
      workflow_dispatch:
    ```

    ## Legitimate look-alike
    ```yaml
    on:
      push:               # pull_request dropped to avoid duplicate runs; every push still runs CI
      workflow_dispatch:
    ```
    """

    id = "OV705"
    name = "ci-trigger-dropped"
    # Humans move slow scans (CodeQL, nightly suites) to a schedule too: suspicious, not near-certain.
    severity = Severity.MEDIUM
    family = "oversight"
    file_kinds = frozenset({"yaml"})

    def check_file(self, ctx: FileContext) -> None:
        if not is_github_workflow(ctx.path) or ctx.change.before is None or ctx.change.after is None:
            return
        before_doc = load_yaml(ctx.before_text)
        after_doc = load_yaml(ctx.after_text)
        before_events, after_events = _events(before_doc), _events(after_doc)
        if before_events is None or after_events is None:
            return
        analysis = analyse(ctx, before=False)
        if analysis is None or not _active(analysis.units):
            return
        if _runs_on_changes(before_events) and not _runs_on_changes(after_events):
            if "workflow_call" in after_events and "workflow_call" not in before_events:
                return  # became a reusable workflow: its caller now triggers it
            on_key = "on" if isinstance(after_doc, dict) and "on" in after_doc else True
            line = value_line(after_doc, on_key) - 1 if isinstance(after_doc, dict) else 1
            ctx.report(
                self,
                max(line, 1),
                f"workflow no longer runs on pull requests or pushes (now: {', '.join(after_events) or 'nothing'})",
                require_change=False,
            )


_CODE_GLOBS = frozenset({"**", "*", "**/*", "**.py", "**/*.py", "*.py", "src/**", "tests/**", "**/*.*"})


@register
class CiTriggerFiltered(Rule):
    """A workflow's pull-request trigger gained a filter that skips code changes.

    ## What it does
    Reports `paths-ignore` entries added to a `pull_request` / `push` trigger that match Python code or
    everything (`**`, `**.py`, `src/**`, `tests/**`), and `branches` filters replaced by branches that did
    not match before.

    ## Why is this bad?
    The workflow still exists and still runs on some changes, but not on the changes an agent makes.

    ## Example
    ```yaml
    on:
      pull_request:
        paths-ignore: ["**.py"]
    ```

    ## Legitimate look-alike
    ```yaml
    on:
      pull_request:
        paths-ignore: ["docs/**", "**.md"]
    ```
    """

    id = "OV706"
    name = "ci-trigger-filtered"
    severity = Severity.MEDIUM
    family = "oversight"
    file_kinds = frozenset({"yaml"})

    def check_file(self, ctx: FileContext) -> None:
        if not is_github_workflow(ctx.path) or ctx.change.before is None or ctx.change.after is None:
            return
        before_events = _events(load_yaml(ctx.before_text))
        after_doc = load_yaml(ctx.after_text)
        after_events = _events(after_doc)
        if not before_events or not after_events:
            return
        for event in ("pull_request", "push", "pull_request_target"):
            if event not in before_events or event not in after_events:
                continue
            old = before_events[event] if isinstance(before_events[event], dict) else {}
            new = after_events[event] if isinstance(after_events[event], dict) else {}
            added_ignores = {str(p) for p in new.get("paths-ignore") or []} - {
                str(p) for p in old.get("paths-ignore") or []
            }
            bad = sorted(
                p
                for p in added_ignores
                if p.lstrip("/") in _CODE_GLOBS
                or (p.endswith("/**") and p.startswith(("src", "tests", "lib")))
            )
            if bad:
                ctx.report(
                    self, 1, f"`{event}` now ignores changes to {', '.join(bad)}", require_change=False
                )
            old_branches = {str(b) for b in old.get("branches") or []}
            new_branches = {str(b) for b in new.get("branches") or []}
            if (
                old_branches
                and new_branches
                and not (old_branches & new_branches)
                and not any("*" in b for b in new_branches)
            ):
                ctx.report(
                    self,
                    1,
                    f"`{event}` now runs only for branches {sorted(new_branches)} instead of {sorted(old_branches)}",
                    require_change=False,
                )


def _required_contexts(node: Any, inside: bool = False) -> list[str]:
    out: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            key_text = str(key)
            now_inside = inside or key_text in {"required_status_checks", "required_checks", "status_checks"}
            if now_inside and key_text in {"context", "contexts", "checks"} and not isinstance(value, dict):
                out.extend(_strings(value) if not isinstance(value, list) or not value or not isinstance(
                    value[0], dict) else _required_contexts(value, True))  # fmt: skip
            else:
                out.extend(_required_contexts(value, now_inside))
    elif isinstance(node, list):
        for item in node:
            out.extend(_required_contexts(item, inside))
    return out


@register
class RequiredCheckRemoved(Rule):
    """Branch protection no longer requires a status check it required.

    ## What it does
    Reads repository-settings files (`.github/settings.yml`, rulesets JSON under `.github/`) and reports
    when the list of required status checks got shorter: a check removed, or the protection dropped.

    ## Why is this bad?
    A failing required check blocks the merge; an optional one is a red mark that a bot merges past.

    ## Example
    ```yaml
    required_status_checks:
      contexts: []        # before: ["test", "lint"]
    ```

    ## Legitimate look-alike
    A renamed check (`test (3.11)` -> `test (3.12)`) keeps the count and is not reported.
    """

    id = "OV707"
    name = "required-check-removed"
    severity = Severity.HIGH
    family = "oversight"
    file_kinds = frozenset({"yaml", "json"})

    def check_file(self, ctx: FileContext) -> None:
        parts = PurePosixPath(ctx.path).parts
        if ".github" not in parts or is_github_workflow(ctx.path) or ctx.change.before is None:
            return
        loader = _json if ctx.kind == "json" else load_yaml
        before = _required_contexts(loader(ctx.before_text))
        if not before:
            return
        after = _required_contexts(loader(ctx.after_text)) if ctx.change.after is not None else []
        removed = sorted(set(before) - set(after))
        if removed and len(set(after)) < len(set(before)):
            ctx.report(
                self,
                1,
                f"required status checks removed: {', '.join(removed)}",
                require_change=False,
            )
