"""Hook tampering (OV710-OV729): git hooks bypassed or neutered, pre-commit disabled, agent hooks removed and
agent permissions broadened. Commands are read with `shellwords` (bashlex); JSON and YAML configs are parsed
and compared before/after.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import PurePosixPath
from typing import Any

from ...types import Severity
from ..context import FileContext
from ..registry import Rule, register
from ..shellwords import SimpleCommand, always_succeeds, commands, exits_zero
from .oversight_ci import script_units
from .oversight_common import (
    is_github_workflow,
    is_gitlab_ci,
    is_hook_path,
    is_other_ci_yaml,
    load_yaml,
    tool_kind,
    value_line,
)

# -- git hook bypass ----------------------------------------------------------------------------------
_HOOKED_GIT = frozenset({"commit", "push", "merge", "am", "rebase", "cherry-pick", "revert", "pull"})
_SKIP_ENV = {
    "HUSKY": {"0", "false"},
    "HUSKY_SKIP_HOOKS": None,
    "HUSKY_SKIP_INSTALL": None,
    "SKIP": None,  # pre-commit: SKIP=hook-id,... skips those hooks
    "PRE_COMMIT_ALLOW_NO_CONFIG": None,
    "LEFTHOOK": {"0", "false"},
    "LEFTHOOK_EXCLUDE": None,
    "OVERCOMMIT_DISABLE": None,
    "GIT_HOOKS_DISABLED": None,
}
_NULL_HOOK_DIRS = ("/dev/null", "/nonexistent", "nul", "/tmp", "/var/empty", "/dev/")


def _null_hooks_path(value: str) -> bool:
    text = value.strip().strip("'\"").lower()
    return text == "" or text.startswith(_NULL_HOOK_DIRS) or text in {"false", "none", "/dev/null"}


def _git_parts(argv: tuple[str, ...]) -> tuple[list[str], str | None, list[str]] | None:
    """(global options, subcommand, subcommand args) of a `git` command, else None."""
    if not argv or PurePosixPath(argv[0]).name != "git":
        return None
    options: list[str] = []
    index = 1
    while index < len(argv) and argv[index].startswith("-"):
        options.append(argv[index])
        if argv[index] in {"-c", "-C", "--git-dir", "--work-tree", "--namespace", "--exec-path"}:
            if index + 1 < len(argv):
                options.append(argv[index + 1])
            index += 1
        index += 1
    sub = argv[index] if index < len(argv) else None
    return options, sub, list(argv[index + 1 :])


def _no_verify(sub: str, args: list[str]) -> bool:
    for arg in args:
        if arg == "--":
            break
        if arg in {"--no-verify", "--no-verify=true"}:
            return True
        if sub == "commit" and arg.startswith("-") and not arg.startswith("--"):
            for char in arg[1:]:
                if char == "n":
                    return True
                if char in "mFcCtS":
                    break
    return False


def bypass_reason(cmd: SimpleCommand, exported: dict[str, str]) -> str | None:
    """Why a command runs git (or a hook manager) with its hooks switched off, or None."""
    env = {**exported, **cmd.env_dict}
    parts = _git_parts(cmd.argv)
    if parts is not None:
        options, sub, args = parts
        for index, option in enumerate(options):
            if option == "-c" and index + 1 < len(options):
                key, _, value = options[index + 1].partition("=")
                if key.lower() == "core.hookspath" and _null_hooks_path(value):
                    return f"`git -c core.hooksPath={value}` runs git with no hooks"
        if sub == "config":
            plain = [a for a in args if not a.startswith("-")]
            if "--unset" in args or "--unset-all" in args:
                return None
            if plain and plain[0].lower() == "core.hookspath":
                value = plain[1] if len(plain) > 1 else ""
                if len(plain) > 1 and _null_hooks_path(value):
                    return f"`git config core.hooksPath {value}` points git hooks at nothing"
            return None
        if sub in _HOOKED_GIT:
            if _no_verify(sub, args):
                return f"`git {sub} --no-verify` skips the {sub} hooks"
            skipped = _skip_env(env)
            if skipped:
                return f"`git {sub}` run with {skipped}"
        return None
    name = PurePosixPath(cmd.name).name
    if name in {"pre-commit", "prek"} and len(cmd.argv) > 1:
        if cmd.argv[1] == "uninstall":
            return "`pre-commit uninstall` removes the git hooks"
        if cmd.argv[1] == "run":
            skipped = _skip_env(env)
            if skipped:
                return f"`pre-commit run` with {skipped}"
    if name == "rm" and any(_is_hook_target(a) for a in cmd.argv[1:]):
        return "deletes git hooks"
    if (
        name == "chmod"
        and any(a in {"-x", "a-x", "u-x", "-X"} for a in cmd.argv[1:])
        and any(_is_hook_target(a) for a in cmd.argv[1:])
    ):
        return "makes git hooks non-executable"
    return None


def _is_hook_target(arg: str) -> bool:
    text = arg.rstrip("/")
    return is_hook_path(text) or text.endswith((".git/hooks", ".husky")) or text in {".git/hooks", ".husky"}


def _skip_env(env: dict[str, str]) -> str | None:
    for name, values in _SKIP_ENV.items():
        if name in env:
            value = env[name].strip().strip("'\"")
            if values is None and value not in {"", "0", "false"}:
                return f"`{name}={value}`"
            if values is not None and value.lower() in values:
                return f"`{name}={value}`"
    return None


def bypasses_in(cmds: list[SimpleCommand]) -> list[tuple[SimpleCommand, str]]:
    exported: dict[str, str] = {}
    out: list[tuple[SimpleCommand, str]] = []
    for cmd in cmds:
        if cmd.name == "export":
            for arg in cmd.argv[1:]:
                key, sep, value = arg.partition("=")
                if sep:
                    exported[key] = value
        elif not cmd.argv and cmd.env:
            exported.update(cmd.env)
        reason = bypass_reason(cmd, exported)
        if reason:
            out.append((cmd, reason))
    return out


def _file_scripts(ctx: FileContext, *, before: bool = False) -> list[tuple[int, str]] | None:
    """(line, script text) pieces of a changed file that a shell runs, or None if none apply."""
    text = ctx.before_text if before else ctx.after_text
    if text is None:
        return None
    name = PurePosixPath(ctx.path).name.lower()
    if ctx.kind == "shell" or is_hook_path(ctx.path):
        return [(1, text)]
    if ctx.kind == "make":
        pieces: list[tuple[int, str]] = []
        for index, line in enumerate(text.splitlines(), start=1):
            if line.startswith("\t"):
                pieces.append((index, line.lstrip("\t@-+ ").replace("$$", "$")))
        return pieces
    if ctx.kind == "json" and name in {"package.json", "composer.json", "deno.json"}:
        try:
            data = json.loads(text)
        except ValueError:
            return None
        scripts = data.get("scripts") if isinstance(data, dict) else None
        if not isinstance(scripts, dict):
            return None
        lines = text.splitlines()
        out: list[tuple[int, str]] = []
        for key, value in scripts.items():
            if isinstance(value, str):
                where = next((i + 1 for i, row in enumerate(lines) if f'"{key}"' in row), 1)
                out.append((where, value))
        return out
    if ctx.kind == "yaml" and _is_ci_yaml(ctx.path):
        return _yaml_scripts(load_yaml(text))
    return None


def _is_ci_yaml(path: str) -> bool:
    return is_github_workflow(path) or is_gitlab_ci(path) or is_other_ci_yaml(path)


def _yaml_scripts(doc: Any) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    env_lines: list[str] = []

    def walk(node: Any, line: int) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                key_line = value_line(node, key, line)
                if str(key) in {"env", "variables"} and isinstance(value, dict):
                    for env_key, env_value in value.items():
                        env_lines.append(f"export {env_key}={env_value}")
                elif str(key) in {"run", "script", "before_script", "command", "commands"}:
                    for index, text in enumerate(_str_list(value)):
                        out.append((key_line + (index if isinstance(value, list) else 0), text))
                else:
                    walk(value, key_line)
        elif isinstance(node, list):
            for item in node:
                walk(item, line)

    walk(doc, 1)
    if env_lines:
        out.insert(0, (1, "\n".join(env_lines)))
    return out


def _str_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _hook_bypasses(ctx: FileContext, *, before: bool = False) -> list[tuple[int, str]]:
    key = f"oversight_hooks:bypass:{before}"
    if key in ctx.cache:
        cached: list[tuple[int, str]] = ctx.cache[key]
        return cached
    found: list[tuple[int, str]] = []
    pieces = _file_scripts(ctx, before=before)
    if pieces:
        if ctx.kind == "yaml":
            # Environment set at workflow/job level applies to every script of the file.
            script = "\n".join(text for _, text in pieces)
            starts = []
            for line, text in pieces:
                starts.extend([line + i for i in range(text.count("\n") + 1)])
            for cmd, reason in bypasses_in(commands(script)):
                line = starts[cmd.line - 1] if 0 < cmd.line <= len(starts) else 1
                found.append((line, reason))
        else:
            for line, text in pieces:
                for cmd, reason in bypasses_in(commands(text)):
                    found.append((line + cmd.line - 1, reason))
    ctx.cache[key] = found
    return found


def _module_bindings(ctx: FileContext) -> dict[str, ast.expr]:
    """Module-level names bound exactly once (`GIT = ["git", "-c", ...]`), for resolving argv lists."""
    key = "oversight_hooks:bindings"
    if key not in ctx.cache:
        seen: dict[str, ast.expr] = {}
        twice: set[str] = set()
        tree = ctx.after_tree
        for stmt in tree.body if tree is not None else []:
            if (
                isinstance(stmt, ast.Assign)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
            ):
                name = stmt.targets[0].id
                if name in seen:
                    twice.add(name)
                seen[name] = stmt.value
        ctx.cache[key] = {k: v for k, v in seen.items() if k not in twice}
    bindings: dict[str, ast.expr] = ctx.cache[key]
    return bindings


def argv_of(node: ast.expr, ctx: FileContext, depth: int = 0) -> list[str] | None:
    """The words of an argv expression: list/tuple literals, `+` concatenation, `*` unpacking, module
    constants, and shell strings (split by the shell parser). Unknown words become "?"."""
    if depth > 6:
        return None
    if isinstance(node, ast.List | ast.Tuple):
        words: list[str] = []
        for elt in node.elts:
            if isinstance(elt, ast.Constant) and isinstance(elt.value, str):
                words.append(elt.value)
            elif isinstance(elt, ast.Starred):
                inner = argv_of(elt.value, ctx, depth + 1)
                words.extend(inner if inner is not None else ["?"])
            else:
                words.append("?")
        return words
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = argv_of(node.left, ctx, depth + 1), argv_of(node.right, ctx, depth + 1)
        if left is None or right is None:
            return None
        return left + right
    if isinstance(node, ast.Name):
        bound = _module_bindings(ctx).get(node.id)
        return argv_of(bound, ctx, depth + 1) if bound is not None else None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        cmds = commands(node.value)
        return list(cmds[0].argv) if len(cmds) == 1 else None
    return None


def _subprocess_argv(node: ast.Call, ctx: FileContext) -> tuple[str, ...] | None:
    """The argv of `subprocess.run([...])`-like calls (a list of words or one shell string)."""
    first: ast.expr | None = node.args[0] if node.args else None
    for kw in node.keywords:
        if kw.arg == "args" and first is None:
            first = kw.value
    if first is None:
        return None
    words = argv_of(first, ctx)
    if not words or sum(1 for w in words if w != "?") < 2:
        return None
    return tuple(words)


_RUNNERS = frozenset(
    {"subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.Popen",
     "os.system", "os.popen", "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
     "sh", "plumbum.local", "invoke.run", "fabric.Connection.run"}
)  # fmt: skip


@register
class GitHookBypass(Rule):
    """Git is run with its hooks switched off: `--no-verify`, `core.hooksPath=/dev/null`, `HUSKY=0`, `SKIP=`.

    ## What it does
    Parses every command of changed shell scripts, Makefile recipes, package.json scripts and Python
    `subprocess` calls (argv lists or shell strings) and reports one that commits or pushes with the hooks
    disabled: `git commit --no-verify` / `-n`, `git push --no-verify`, `git -c core.hooksPath=/dev/null`,
    `git config core.hooksPath /dev/null`, `HUSKY=0` / `SKIP=...` / `LEFTHOOK=0` in the command's
    environment (as a prefix or exported earlier), `pre-commit uninstall`, `rm .git/hooks/pre-commit`.

    ## Why is this bad?
    Pre-commit and pre-push hooks run the project's checks before code leaves the machine. An agent that
    commits around them lands code no check has seen.

    ## Example
    ```sh
    git add -A && git commit -m "fix tests" --no-verify
    ```

    ## Legitimate look-alike
    ```sh
    git config core.hooksPath .githooks   # installs the project's hooks
    ```
    Test files (a fixture that commits in a temporary repository) are not reported.

    ## References
    - ../shared/RESEARCH.md §5 (agents editing their own guard rails)
    """

    id = "OV710"
    name = "git-hook-bypass"
    severity = Severity.HIGH
    family = "oversight"
    file_kinds = frozenset({"shell", "make", "json", "python"})
    node_types = (ast.Call,)

    def check_file(self, ctx: FileContext) -> None:
        if ctx.kind == "python" or ctx.is_test:
            return
        for line, reason in _hook_bypasses(ctx):
            ctx.report(self, line, reason)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if ctx.is_test:
            return
        qual = ctx.qualname(node.func) or ""
        if qual not in _RUNNERS and not qual.startswith("subprocess."):
            return
        argv = _subprocess_argv(node, ctx)
        if not argv:
            return
        env: dict[str, str] = {}
        for kw in node.keywords:
            if kw.arg == "env" and isinstance(kw.value, ast.Dict):
                for k, v in zip(kw.value.keys, kw.value.values, strict=False):
                    if isinstance(k, ast.Constant) and isinstance(v, ast.Constant):
                        env[str(k.value)] = str(v.value)
        reason = bypass_reason(SimpleCommand(argv), env)
        if reason:
            ctx.report(self, node, reason)


@register
class GitHookBypassInCi(Rule):
    """A CI job commits or pushes with git hooks switched off.

    ## What it does
    The same commands as `git-hook-bypass` (OV710), in CI configuration (`run:` / `script:` blocks and
    `env:` sections).

    ## Why is this bad?
    Less direct than on a developer machine (CI rarely installs hooks), but a pipeline that pushes with
    `--no-verify` lands commits no hook has checked.

    ## Example
    ```yaml
    - run: git commit -am "bump" --no-verify && git push
    ```

    ## Legitimate look-alike
    ```yaml
    env:
      HUSKY: 0          # husky's documented way to skip *installing* hooks in CI; no git commit here
    - run: npm ci
    ```
    """

    id = "OV711"
    name = "git-hook-bypass-in-ci"
    severity = Severity.MEDIUM
    family = "oversight"
    file_kinds = frozenset({"yaml"})

    def check_file(self, ctx: FileContext) -> None:
        if not _is_ci_yaml(ctx.path):
            return
        old = (
            {reason for _, reason in _hook_bypasses(ctx, before=True)}
            if ctx.change.before is not None
            else set()
        )
        for line, reason in _hook_bypasses(ctx):
            if reason not in old:
                ctx.report(self, line, reason, require_change=False)


# -- git hook scripts neutered ---------------------------------------------------------------------------
_HOOK_MANAGERS = (
    ".pre-commit-config.yaml",
    "lefthook.yml",
    "lefthook.yaml",
    ".lefthook.yml",
    ".overcommit.yml",
)


def _hook_commands(text: str | None) -> list[SimpleCommand]:
    return commands(text) if text else []


def _runs_something(cmds: list[SimpleCommand]) -> bool:
    return any(
        c.argv and c.name not in {"echo", "printf", "exit", "true", ":", ".", "source", "set"} for c in cmds
    )


@register
class GitHookNeutered(Rule):
    """A git hook script (`.git/hooks/*`, `.husky/*`, `.githooks/*`) no longer runs its checks.

    ## What it does
    Compares a git hook script before and after the change. Reports the hook deleted or emptied (no hook
    manager configuration added in the same change), a check it ran (tests, lint, type checks, a scan, or any
    command at all) removed, an unconditional `exit 0` added before its checks, or a check masked with
    `|| true`.

    ## Why is this bad?
    The hook is the check that runs before a commit lands; a hook that exits 0 first passes everything.

    ## Example
    ```sh
    #!/bin/sh
    exit 0
    npx lint-staged
    ```

    ## Legitimate look-alike
    ```sh
    #!/bin/sh
    [ -n "$CI" ] && exit 0     # conditional early exit
    npx lint-staged
    ```
    """

    id = "OV712"
    name = "git-hook-neutered"
    severity = Severity.HIGH
    family = "oversight"
    file_kinds = frozenset({"shell", "text", "python"})

    def check_file(self, ctx: FileContext) -> None:
        if not is_hook_path(ctx.path) or ctx.change.before is None or ctx.before_kind == "python":
            return
        before = _hook_commands(ctx.before_text)
        if not _runs_something(before):
            return
        if ctx.change.after is None or not _runs_something(_hook_commands(ctx.after_text)):
            if any(
                (s.change.after is not None and PurePosixPath(s.path).name in _HOOK_MANAGERS) or
                (s.path != ctx.path and is_hook_path(s.path) and s.change.after is not None)
                for s in ctx.siblings
            ):  # fmt: skip
                return
            what = "deleted" if ctx.change.after is None else "emptied"
            ctx.report(self, 1, f"git hook {what}: it ran `{_first(before)}`", require_change=False)
            return
        after = _hook_commands(ctx.after_text)
        first_exit = next(
            (i for i, c in enumerate(after) if exits_zero(c) and not c.conditional and not c.substituted),
            None,
        )
        if first_exit is not None and _runs_something(after[first_exit + 1 :]):
            before_exit = next(
                (
                    i
                    for i, c in enumerate(before)
                    if exits_zero(c) and not c.conditional and not c.substituted
                ),
                None,
            )
            if before_exit is None or _runs_something(before[before_exit + 1 :]) is False:
                ctx.report(self, after[first_exit].line, "hook exits 0 before it runs its checks")
                return
        before_units = script_units(before, "hook", 1, errexit=False)
        after_units = script_units(after, "hook", 1, errexit=False)
        before_kinds = {k for u in before_units if u.ignored is None for k in u.kinds if not k.endswith("~")}
        after_active = {k.rstrip("~") for u in after_units if u.ignored is None for k in u.kinds}
        for kind in sorted(before_kinds - after_active):
            masked = [u for u in after_units if kind in u.kinds]
            if masked:
                ctx.report(
                    self,
                    masked[0].line,
                    f"hook's {kind} can no longer fail: `{masked[0].label}` {masked[0].ignored}",
                )
            else:
                ctx.report(self, 1, f"hook no longer runs {kind}", require_change=False)


def _first(cmds: list[SimpleCommand]) -> str:
    for cmd in cmds:
        if cmd.argv and cmd.name not in {"echo", "set", ".", "source"}:
            return " ".join(cmd.argv)[:80]
    return ""


# -- pre-commit configuration --------------------------------------------------------------------------
_SAMPLE_PATHS = ("src/pkg/core.py", "tests/test_core.py", "setup.py", "pkg/module.py", "app/main.ts")


def _matches_all(pattern: Any) -> bool:
    if not isinstance(pattern, str):
        return False
    try:
        compiled = re.compile(pattern, re.VERBOSE if pattern.startswith("(?x)") else 0)
    except re.error:
        return False
    return all(compiled.search(p) for p in _SAMPLE_PATHS)


def _matches_none(pattern: Any) -> bool:
    if not isinstance(pattern, str):
        return False
    try:
        compiled = re.compile(pattern)
    except re.error:
        return False
    return not any(compiled.search(p) for p in _SAMPLE_PATHS)


def _hook_kind(hook_id: str) -> str | None:
    return tool_kind(hook_id) or tool_kind(hook_id.split("-")[0])


def _precommit_hooks(doc: Any) -> tuple[list[tuple[str, int, str | None]], str | None] | None:
    """[(hook id, line, why disabled or None)], and why every hook is disabled (or None)."""
    if not isinstance(doc, dict):
        return None
    everything: str | None = None
    if _matches_all(doc.get("exclude")):
        everything = f"top-level `exclude: {doc.get('exclude')}` matches every file"
    elif "files" in doc and _matches_none(doc.get("files")):
        everything = f"top-level `files: {doc.get('files')}` matches no file"
    default_stages = doc.get("default_stages")
    if isinstance(default_stages, list) and (
        not default_stages or set(map(str, default_stages)) <= {"manual"}
    ):
        everything = everything or f"`default_stages: {default_stages}` never runs on commit"
    hooks: list[tuple[str, int, str | None]] = []
    for repo in doc.get("repos") or []:
        if not isinstance(repo, dict):
            continue
        for hook in repo.get("hooks") or []:
            if not isinstance(hook, dict) or not isinstance(hook.get("id"), str):
                continue
            why: str | None = None
            stages = hook.get("stages")
            if isinstance(stages, list) and (not stages or set(map(str, stages)) <= {"manual"}):
                why = f"`stages: {stages}`"
            elif _matches_all(hook.get("exclude")):
                why = f"`exclude: {hook.get('exclude')}` matches every file"
            elif "files" in hook and _matches_none(hook.get("files")):
                why = f"`files: {hook.get('files')}` matches no file"
            hooks.append((hook["id"], value_line(hook, "id"), why))
    return hooks, everything


@register
class PreCommitDisabled(Rule):
    """The pre-commit configuration no longer runs its hooks.

    ## What it does
    Parses `.pre-commit-config.yaml` before and after. Reports a top-level `exclude` that matches every file,
    `files` that matches none, `default_stages` emptied or set to `[manual]`, every check hook removed or
    disabled, or the whole file deleted with no other hook manager added.

    ## Why is this bad?
    pre-commit is how many projects run lint, type checks and secret scans before each commit; an `exclude`
    of `.*` keeps the file looking intact while every hook skips every file.

    ## Example
    ```yaml
    exclude: '.*'
    repos: [...]
    ```

    ## Legitimate look-alike
    ```yaml
    exclude: '^(docs/|vendor/)'
    ```
    """

    id = "OV713"
    name = "pre-commit-disabled"
    severity = Severity.HIGH
    family = "oversight"
    file_kinds = frozenset({"yaml"})

    def check_file(self, ctx: FileContext) -> None:
        if PurePosixPath(ctx.path).name not in {".pre-commit-config.yaml", ".pre-commit-config.yml"}:
            return
        before = _precommit_hooks(load_yaml(ctx.before_text)) if ctx.change.before is not None else None
        if ctx.change.after is None:
            replaced = any(
                s.change.after is not None
                and (PurePosixPath(s.path).name in _HOOK_MANAGERS or is_hook_path(s.path))
                for s in ctx.siblings
            )
            if before and any(why is None for _, _, why in before[0]) and before[1] is None and not replaced:
                ctx.report(self, 1, "pre-commit configuration deleted", require_change=False)
            return
        after = _precommit_hooks(load_yaml(ctx.after_text))
        if after is None:
            return
        hooks, everything = after
        if everything and (before is None or before[1] is None):
            ctx.report(self, 1, everything, require_change=False)
            return
        if before is None or before[1] is not None:
            return
        before_checks = [h for h in before[0] if h[2] is None and _hook_kind(h[0])]
        after_checks = [h for h in hooks if h[2] is None and _hook_kind(h[0])]
        if before_checks and not after_checks:
            disabled = [h for h in hooks if h[2] is not None]
            why = f"{disabled[0][0]}: {disabled[0][2]}" if disabled else "check hooks removed"
            ctx.report(self, disabled[0][1] if disabled else 1, f"no check hook runs any more ({why})",
                       require_change=False)  # fmt: skip


@register
class PreCommitHookRemoved(Rule):
    """A pre-commit hook that ran a check was removed or disabled, and no other hook runs that check.

    ## What it does
    Compares the hooks of `.pre-commit-config.yaml`: a hook id that runs lint, type checks, tests or a
    security scan (mypy, ruff, flake8, bandit, detect-secrets...) present and enabled before, absent or
    disabled (`stages: [manual]`, `exclude` matching everything) after, with no remaining hook of that kind.

    ## Why is this bad?
    Each removed hook is a check the agent's next commit skips.

    ## Example
    ```yaml
    # before: - id: mypy
    ```

    ## Legitimate look-alike
    ```yaml
    # flake8, isort and black replaced by ruff and ruff-format: lint still runs
    - id: ruff
    - id: ruff-format
    ```
    """

    id = "OV714"
    name = "pre-commit-hook-removed"
    severity = Severity.MEDIUM
    family = "oversight"
    file_kinds = frozenset({"yaml"})

    def check_file(self, ctx: FileContext) -> None:
        if PurePosixPath(ctx.path).name not in {".pre-commit-config.yaml", ".pre-commit-config.yml"}:
            return
        if ctx.change.before is None or ctx.change.after is None:
            return
        before = _precommit_hooks(load_yaml(ctx.before_text))
        after = _precommit_hooks(load_yaml(ctx.after_text))
        if before is None or after is None or before[1] is not None or after[1] is not None:
            return
        after_kinds = {_hook_kind(h[0]) for h in after[0] if h[2] is None} - {None}
        if not after_kinds:
            return  # OV713
        after_by_id = {h[0]: h for h in after[0]}
        for hook_id, line, why in before[0]:
            kind = _hook_kind(hook_id)
            if why is not None or kind is None or kind in after_kinds:
                continue
            now = after_by_id.get(hook_id)
            if now is None:
                ctx.report(self, line, f"pre-commit hook `{hook_id}` ({kind}) removed", before=True)
            elif now[2] is not None:
                ctx.report(self, now[1], f"pre-commit hook `{hook_id}` ({kind}) disabled: {now[2]}",
                           require_change=False)  # fmt: skip


# -- agent hook configuration ------------------------------------------------------------------------------
def agent_config(path: str) -> str | None:
    parts = PurePosixPath(path).parts
    if len(parts) < 2:
        return None
    name, parent = parts[-1], parts[-2]
    if parent == ".claude" and name in {"settings.json", "settings.local.json"}:
        return "claude"
    if parent == ".codex" and name == "hooks.json":
        return "codex"
    if parent == ".gemini" and name == "settings.json":
        return "gemini"
    if parent == ".cursor" and name in {"hooks.json", "cli.json"}:
        return "cursor"
    if len(parts) >= 3 and parts[-3] == ".github" and parent == "hooks" and name.endswith(".json"):
        return "copilot"
    if parent in {".qwen", ".windsurf", ".amp"} and name.endswith(".json"):
        return "other"
    return None


_COMMAND_KEYS = ("command", "bash", "powershell", "script", "cmd", "url", "prompt")


def agent_hooks(data: Any) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Every hook as (event, matcher, command, entry)."""
    out: list[tuple[str, str, str, dict[str, Any]]] = []
    hooks = data.get("hooks") if isinstance(data, dict) else None
    if not isinstance(hooks, dict):
        return out

    def walk(node: Any, event: str, matcher: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("matcher"), str):
                matcher = node["matcher"]
            command = next((str(node[k]) for k in _COMMAND_KEYS if isinstance(node.get(k), str)), None)
            if command is not None:
                out.append((event, matcher, command, node))
            for key, value in node.items():
                if key not in _COMMAND_KEYS:
                    walk(value, event, matcher)
        elif isinstance(node, list):
            for item in node:
                walk(item, event, matcher)

    for event, entries in hooks.items():
        walk(entries, str(event), "")
    return out


def _load_json(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        try:
            return json.loads(_strip_json_comments(text))
        except ValueError:
            return None


def _strip_json_comments(text: str) -> str:
    out: list[str] = []
    in_string = False
    index = 0
    while index < len(text):
        char = text[index]
        if in_string:
            out.append(char)
            if char == "\\" and index + 1 < len(text):
                out.append(text[index + 1])
                index += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
            out.append(char)
        elif text.startswith("//", index):
            end = text.find("\n", index)
            index = len(text) if end < 0 else end
            continue
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _json_line(text: str | None, needle: str) -> int:
    for index, line in enumerate((text or "").splitlines(), start=1):
        if needle in line:
            return index
    return 1


def _disabled_entry(entry: dict[str, Any]) -> bool:
    return entry.get("enabled") is False or entry.get("disabled") is True


@register
class AgentHookRemoved(Rule):
    """A coding agent's hook was removed, emptied or switched off.

    ## What it does
    Parses agent configuration (`.claude/settings.json`, `.claude/settings.local.json`, `.codex/hooks.json`,
    `.gemini/settings.json`, `.cursor/hooks.json`, `.github/hooks/*.json`) before and after. Reports hooks
    removed from an event (fewer hooks than before, a command gone), a hook command replaced by one that
    always succeeds (`true`, `exit 0`, `echo`), `disableAllHooks: true`, an entry marked disabled, or the file
    deleted while it held hooks.

    ## Why is this bad?
    Agent hooks are the guard that sees every tool call. An agent that edits its own hook configuration
    removes the oversight watching it (RESEARCH §5: "the agent can edit its own hook configuration").

    ## Example
    ```json
    {"hooks": {}, "disableAllHooks": true}
    ```

    ## Legitimate look-alike
    ```json
    {"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "scan.sh"}]},
                              {"matcher": "Edit", "hooks": [{"type": "command", "command": "fmt.sh"}]}]}}
    ```
    (a hook added, or its script renamed)

    ## References
    - ../shared/RESEARCH.md §5
    """

    id = "OV720"
    name = "agent-hook-removed"
    severity = Severity.HIGH
    family = "oversight"
    file_kinds = frozenset({"json"})

    def check_file(self, ctx: FileContext) -> None:
        if agent_config(ctx.path) is None or ctx.change.before is None:
            return
        before = _load_json(ctx.before_text)
        before_hooks = agent_hooks(before)
        after = _load_json(ctx.after_text) if ctx.change.after is not None else {}
        if after is None:
            return
        if (
            isinstance(after, dict)
            and after.get("disableAllHooks") is True
            and not (isinstance(before, dict) and before.get("disableAllHooks") is True)
        ):
            ctx.report(self, _json_line(ctx.after_text, "disableAllHooks"), "`disableAllHooks: true` switches off every agent hook",
                       require_change=False)  # fmt: skip
            return
        if not before_hooks:
            return
        if ctx.change.after is None:
            ctx.report(self, 1, f"agent configuration with {len(before_hooks)} hook(s) deleted", before=True)
            return
        after_hooks = agent_hooks(after)
        for event in sorted({h[0] for h in before_hooks}):
            old = [h for h in before_hooks if h[0] == event and not _disabled_entry(h[3])]
            new = [h for h in after_hooks if h[0] == event]
            new_active = [h for h in new if not _disabled_entry(h[3])]
            old_commands = {h[2] for h in old}
            if len(new_active) < len(old):
                if new_active and {h[2] for h in new_active} - old_commands:
                    continue  # hooks consolidated into a new command: agent-hook-weakened (OV723) says so
                gone = sorted(old_commands - {h[2] for h in new_active}) or [old[0][2]]
                ctx.report(
                    self,
                    _json_line(ctx.after_text, f'"{event}"')
                    if new
                    else _json_line(ctx.before_text, gone[0][:40]),
                    f"{event} hook removed or disabled: `{gone[0][:100]}`",
                    before=not new,
                    require_change=False,
                )
                continue
            for hook in new_active:
                cmds = commands(hook[2]) if hook[2] not in old_commands else []
                if cmds and all(always_succeeds(c.argv) for c in cmds):
                    ctx.report(
                        self,
                        _json_line(ctx.after_text, hook[2][:40]),
                        f"{event} hook replaced by a command that always succeeds: `{hook[2][:80]}`",
                        require_change=False,
                    )


@register
class AgentHookWeakened(Rule):
    """An agent hook now covers fewer tools, times out almost at once, or fails open.

    ## What it does
    For hooks kept in agent configuration, reports a `matcher` that lost tool names (`Edit|Write|Bash` ->
    `Read`), a `timeout` cut to one second or less (a hook that times out lets the action through), or
    Cursor's `failClosed: true` turned off.

    ## Why is this bad?
    The hook still exists, but no longer sees the tool calls it was there to check.

    ## Example
    ```json
    {"matcher": "Read", "hooks": [{"type": "command", "command": "guard.sh", "timeout": 1}]}
    ```

    ## Legitimate look-alike
    ```json
    {"matcher": "Edit|Write|MultiEdit|Bash", "hooks": [{"type": "command", "command": "guard.sh", "timeout": 60}]}
    ```
    """

    id = "OV723"
    name = "agent-hook-weakened"
    severity = Severity.MEDIUM
    family = "oversight"
    file_kinds = frozenset({"json"})

    def check_file(self, ctx: FileContext) -> None:
        if agent_config(ctx.path) is None or ctx.change.before is None or ctx.change.after is None:
            return
        before_hooks = agent_hooks(_load_json(ctx.before_text))
        after_hooks = agent_hooks(_load_json(ctx.after_text))
        by_command = {(h[0], h[2]): h for h in after_hooks}
        for event in sorted({h[0] for h in before_hooks}):
            old = [h for h in before_hooks if h[0] == event and not _disabled_entry(h[3])]
            new = [h for h in after_hooks if h[0] == event and not _disabled_entry(h[3])]
            if new and len(new) < len(old) and {h[2] for h in new} - {h[2] for h in old}:
                ctx.report(
                    self,
                    _json_line(ctx.after_text, f'"{event}"'),
                    f"{event} hooks consolidated: {len(old)} before, {len(new)} now",
                    require_change=False,
                )
        for event, matcher, command, entry in before_hooks:
            now = by_command.get((event, command))
            if now is None:
                continue
            line = _json_line(ctx.after_text, command[:40])
            old_tools = {t.strip() for t in re.split(r"[|,]", matcher) if t.strip()} if matcher else set()
            new_tools = {t.strip() for t in re.split(r"[|,]", now[1]) if t.strip()} if now[1] else set()
            if (
                old_tools
                and new_tools
                and "*" not in new_tools
                and old_tools - new_tools
                and not (new_tools - old_tools and len(new_tools) >= len(old_tools))
            ):
                ctx.report(self, line, f"{event} hook `{command[:60]}` no longer matches {sorted(old_tools - new_tools)}",
                           require_change=False)  # fmt: skip
            old_timeout = _number(entry.get("timeout", entry.get("timeoutSec")))
            new_timeout = _number(now[3].get("timeout", now[3].get("timeoutSec")))
            if new_timeout is not None and new_timeout <= 1 and (old_timeout is None or old_timeout > 1):
                ctx.report(self, line, f"{event} hook timeout cut to {new_timeout}s: a timed-out hook fails open",
                           require_change=False)  # fmt: skip
            if entry.get("failClosed") is True and now[3].get("failClosed") is not True:
                ctx.report(self, line, f"{event} hook no longer fails closed", require_change=False)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


# -- agent permissions -----------------------------------------------------------------------------------------
_SHELL_TOOLS = frozenset({"bash", "shell", "run_shell_command", "terminal", "exec", "powershell"})
_SELF_CONFIG = (
    ".claude",
    ".codex",
    ".gemini",
    ".cursor",
    ".github/hooks",
    ".git/hooks",
    ".husky",
    "oversight",
)


def broad_permission(rule: str) -> str | None:
    """Why an allow-rule grants too much, or None (`Bash(npm test)` is narrow; `Bash(*)` is not)."""
    text = rule.strip()
    if text in {"*", "**"}:
        return "allows every tool"
    tool, _, rest = text.partition("(")
    arg = rest[:-1].strip() if rest.endswith(")") else rest.strip()
    if tool.strip().lower() in _SHELL_TOOLS:
        if not rest or arg in {"*", "**", ":*", "*:*", ""}:
            return "allows every shell command"
        head = arg.split(":")[0].split()[0] if arg.split(":")[0].split() else ""
        if head in {
            "sudo",
            "bash",
            "sh",
            "zsh",
            "eval",
            "env",
            "xargs",
            "python",
            "python3",
            "node",
            "curl",
        } and (arg.endswith("*")):
            return f"allows `{head}` with any arguments (any command)"
    if tool.strip() in {"Edit", "Write", "MultiEdit"} and any(p in arg for p in _SELF_CONFIG):
        return "allows the agent to edit its own hooks or guard configuration"
    return None


@register
class AgentPermissionsBroadened(Rule):
    """Agent permissions now allow any shell command, or let the agent edit its own guard rails.

    ## What it does
    Reports allow-rules added to `permissions.allow` (Claude Code) or the equivalent lists of other agents
    that grant every shell command (`Bash`, `Bash(*)`, `Bash(:*)`, `*`, `Bash(sudo:*)`), that let the agent
    edit hook or guard configuration (`Edit(.claude/**)`), and `defaultMode: "bypassPermissions"`.

    ## Why is this bad?
    The permission prompt is the human's oversight of each action; a blanket allow removes it for every
    command at once.

    ## Example
    ```json
    {"permissions": {"allow": ["Bash(*)"]}}
    ```

    ## Legitimate look-alike
    ```json
    {"permissions": {"allow": ["Bash(npm test)", "Bash(git diff:*)", "Edit(src/**)"]}}
    ```
    """

    id = "OV721"
    name = "agent-permissions-broadened"
    severity = Severity.HIGH
    family = "oversight"
    file_kinds = frozenset({"json"})

    def check_file(self, ctx: FileContext) -> None:
        if agent_config(ctx.path) is None or ctx.change.after is None:
            return
        after = _load_json(ctx.after_text)
        before = _load_json(ctx.before_text) if ctx.change.before is not None else None
        old_allow = set(_allow_rules(before))
        for rule in _allow_rules(after):
            if rule in old_allow:
                continue
            why = broad_permission(rule)
            if why:
                ctx.report(self, _json_line(ctx.after_text, rule), f"`{rule}` {why}", require_change=False)
        mode = _mode(after)
        if mode in {"bypassPermissions", "yolo", "dangerously-skip-permissions"} and _mode(before) != mode:
            ctx.report(self, _json_line(ctx.after_text, mode), f"permission mode `{mode}` skips every prompt",
                       require_change=False)  # fmt: skip


def _allow_rules(data: Any) -> list[str]:
    out: list[str] = []
    if not isinstance(data, dict):
        return out
    perms = data.get("permissions")
    if isinstance(perms, dict):
        out.extend(str(r) for r in perms.get("allow") or [] if isinstance(r, str))
    tools = data.get("tools")
    if isinstance(tools, dict):
        out.extend(str(r) for r in tools.get("allowed") or [] if isinstance(r, str))
    for key in ("allowedTools", "autoApprove"):
        if isinstance(data.get(key), list):
            out.extend(str(r) for r in data[key] if isinstance(r, str))
    return out


def _deny_rules(data: Any) -> list[str]:
    out: list[str] = []
    if not isinstance(data, dict):
        return out
    perms = data.get("permissions")
    if isinstance(perms, dict):
        for key in ("deny", "ask"):
            out.extend(str(r) for r in perms.get(key) or [] if isinstance(r, str))
    tools = data.get("tools")
    if isinstance(tools, dict):
        out.extend(str(r) for r in tools.get("exclude") or [] if isinstance(r, str))
    return out


def _mode(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    perms = data.get("permissions")
    if isinstance(perms, dict) and isinstance(perms.get("defaultMode"), str):
        return str(perms["defaultMode"])
    if data.get("yolo") is True or data.get("autoAccept") is True:
        return "yolo"
    return None


@register
class AgentDenyRuleRemoved(Rule):
    """A deny or ask rule was removed from an agent's permissions.

    ## What it does
    Reports entries of `permissions.deny` / `permissions.ask` (or Gemini's `tools.exclude`) present before and
    gone after, when the list got shorter.

    ## Why is this bad?
    Deny rules are the project's explicit "never without a human" list; removing one widens what the agent
    may do unasked.

    ## Example
    ```json
    {"permissions": {"deny": []}}   // before: ["Bash(git push:*)", "Edit(.claude/**)"]
    ```

    ## Legitimate look-alike
    Adding deny rules, or rewording one (`Bash(rm -rf:*)` -> `Bash(rm:*)`) without shortening the list.
    """

    id = "OV722"
    name = "agent-deny-rule-removed"
    severity = Severity.MEDIUM
    family = "oversight"
    file_kinds = frozenset({"json"})

    def check_file(self, ctx: FileContext) -> None:
        if agent_config(ctx.path) is None or ctx.change.before is None:
            return
        before = _deny_rules(_load_json(ctx.before_text))
        after_data = _load_json(ctx.after_text) if ctx.change.after is not None else {}
        if after_data is None:
            return
        after = _deny_rules(after_data)
        gone = [r for r in before if r not in after]
        if gone and len(after) < len(before):
            ctx.report(self, _json_line(ctx.before_text, gone[0]), f"deny/ask rules removed: {', '.join(gone[:5])}",
                       before=True)  # fmt: skip
