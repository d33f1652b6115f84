"""Test weakening through configuration (OV420-OV449): pytest options that deselect, ignore or stop tests,
collection settings narrowed so existing tests are no longer found, tox commands whose exit status no longer
counts, and `collect_ignore` in conftest.py.

Options are read with the real parsers (configparser, tomllib, shlex) through `oversight.detect.testconfig`,
and compared before vs after: only what the change *adds* is reported.
"""

from __future__ import annotations

import ast
import fnmatch
from dataclasses import dataclass
from pathlib import PurePosixPath

from ...types import Severity
from ..context import FileContext, decode
from ..registry import Rule, register
from ..testconfig import (
    DEFAULT_PYTHON_CLASSES,
    DEFAULT_PYTHON_FILES,
    DEFAULT_PYTHON_FUNCTIONS,
    Option,
    PytestConfig,
    ToxEnv,
    glob_matches,
    parse_pytest_args,
    pattern_matches,
    read_pytest_config,
    read_tox,
    runs_tests,
    shell_ignores_status,
)
from .weakening import change_files

CONFIG_NAMES = frozenset({"pytest.ini", "tox.ini", "setup.cfg", "pyproject.toml", "tox.toml"})
# Last path components that name a group of tests (norecursedirs / --ignore targets).
TEST_DIR_WORDS = ("test", "unit", "integration", "e2e", "functional", "regression", "acceptance", "spec")
COLLECTING_PLUGINS = frozenset({"python", "unittest", "doctest", "nose"})
WARNING_PLUGINS = frozenset({"warnings"})


@dataclass
class ConfigVerdict:
    rule: str
    line: int
    message: str


def _line_of(ctx: FileContext, *needles: str) -> int:
    """The first after-line mentioning a needle (for pointing at an option), preferring changed lines."""
    lines = ctx.after_lines
    best = 0
    for number, text in enumerate(lines, start=1):
        if any(needle and needle in text for needle in needles):
            if number in ctx.added_lines:
                return number
            best = best or number
    return best or 1


def _test_like_path(value: str) -> bool:
    """A path or glob naming tests: a test file name, or a directory whose own name is about tests."""
    parts = [p for p in PurePosixPath(value.strip().rstrip("/")).parts if p not in {".", ""}]
    if not parts:
        return False
    name = parts[-1].lower()
    if name in {"*", "**"} and len(parts) > 1:
        return _test_like_path("/".join(parts[:-1]))
    if name.endswith(".py"):
        return glob_matches(DEFAULT_PYTHON_FILES, name) or name.startswith("test") or "test" in name
    if any(char in name for char in "*?["):
        # A glob that would catch a test module named after its own text (`*billing*` -> test_billing.py).
        stem = "".join(char for char in name if char not in "*?[]")
        stem = stem[:-3] if stem.endswith(".py") else stem
        return (
            any(word in name for word in TEST_DIR_WORDS)
            or name in {"*", "**"}
            or (bool(stem) and fnmatch.fnmatchcase(f"test_{stem}.py", name))
        )
    return any(word in name for word in TEST_DIR_WORDS)


def option_verdicts(new: list[Option], old: list[Option], where: str) -> list[tuple[str, str]]:
    """(rule id, message) for each pytest option `new` adds over `old`."""
    seen = {(o.name, o.value) for o in old}
    out: list[tuple[str, str]] = []
    for option in new:
        if (option.name, option.value) in seen:
            continue
        name, value = option.name, option.value or ""
        text = option.render()
        if name == "-k":
            out.append(("OV420", f"{where}: `{text}` deselects tests by keyword"))
        elif name in {"--deselect", "--deselect-glob"}:
            out.append(("OV420", f"{where}: `{text}` deselects tests"))
        elif name in {"--ignore", "--ignore-glob"}:
            if _test_like_path(value):
                out.append(("OV420", f"{where}: `{text}` stops pytest collecting tests"))
        elif name in {"--co", "--collect-only", "--collectonly"}:
            out.append(("OV420", f"{where}: `{text}` only collects tests, it never runs them"))
        elif name == "-p" and value.startswith("no:"):
            plugin = value[3:]
            if plugin in COLLECTING_PLUGINS:
                out.append(("OV420", f"{where}: `{text}` disables the plugin that collects these tests"))
            elif plugin in WARNING_PLUGINS:
                out.append(("OV424", f"{where}: `{text}` disables warning capture (and warnings-as-errors)"))
            else:
                out.append(("OV427", f"{where}: `{text}` disables a pytest plugin"))
        elif name == "-m":
            out.append(("OV421", f"{where}: `{text}` runs only tests matching a marker expression"))
        elif name in {"--exitfirst", "--maxfail", "--sw", "--stepwise", "--lf", "--last-failed"}:
            out.append(("OV421", f"{where}: `{text}` stops or narrows the run before every test has run"))
        elif name == "--continue-on-collection-errors":
            out.append(("OV421", f"{where}: `{text}` keeps going when test modules fail to import"))
        elif (
            name == ""
            and value
            and not value.startswith("{")
            and _test_like_path(value)
            and "::" not in value
        ):
            out.append(("OV421", f"{where}: positional `{value}` restricts the default run to one path"))
        elif name == "" and "::" in value:
            out.append(("OV420", f"{where}: positional `{value}` runs a single test instead of the suite"))
        elif name == "--disable-warnings" or (name == "-W" and value.startswith("ignore")):
            out.append(("OV424", f"{where}: `{text}` silences warnings"))
    return out


def _overrides(options: list[Option]) -> dict[str, str]:
    out: dict[str, str] = {}
    for option in options:
        if option.name == "--override-ini" and option.value and "=" in option.value:
            key, value = option.value.split("=", 1)
            out[key.strip()] = value.strip()
    return out


def _sample(pattern: str, suffix: str = "sample") -> str:
    return pattern.replace("*", suffix).replace("?", "x").replace("[", "").replace("]", "")


class ConfigAnalysis:
    """Every configuration verdict on one file, computed once and shared by the rules."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.verdicts: list[ConfigVerdict] = []
        name = PurePosixPath(ctx.path).name.lower()
        if name in CONFIG_NAMES:
            self.pytest_config()
            self.tox()
        if ctx.is_conftest and "python" in {ctx.kind, ctx.before_kind}:
            self.collect_ignore()

    def add(self, rule: str, line: int, message: str) -> None:
        self.verdicts.append(ConfigVerdict(rule, line, message))

    # -- pytest ini options -----------------------------------------------------------------------------
    def _baseline(self) -> PytestConfig:
        """Options before the change: this file's, plus any other changed config file's (a config moved from
        setup.cfg to pyproject.toml is not new)."""
        ctx = self.ctx
        merged = PytestConfig("baseline")
        configs = []
        own = read_pytest_config(ctx.path, ctx.before_text)
        if own is not None:
            configs.append(own)
        for change in change_files(ctx):
            if change.path == ctx.path or PurePosixPath(change.path).name.lower() not in CONFIG_NAMES:
                continue
            other = read_pytest_config(change.path, decode(change.before))
            if other is not None and read_pytest_config(change.path, decode(change.after)) != other:
                configs.append(other)
        for config in configs:
            for key, value in config.values.items():
                if key == "addopts" and key in merged.values:
                    merged.values[key] = " ".join([*(merged.lines(key)), *(config.lines(key))])
                else:
                    merged.values.setdefault(key, value)
        return merged

    def pytest_config(self) -> None:
        ctx = self.ctx
        after = read_pytest_config(ctx.path, ctx.after_text)
        if after is None:
            return
        before = self._baseline()
        if after.values == before.values:
            return
        new_opts, old_opts = after.addopts(), before.addopts()
        for rule, message in option_verdicts(new_opts, old_opts, f"{after.section} addopts"):
            self.add(rule, _line_of(ctx, "addopts"), message)
        for key, value in _overrides(new_opts).items():
            after.values[key] = value
        for key, value in _overrides(old_opts).items():
            before.values.setdefault(key, value)
        self._collection(after, before)
        if before.flag("xfail_strict") is True and after.flag("xfail_strict") is not True:
            self.add("OV423", _line_of(ctx, "xfail_strict"), f"{after.section}: xfail_strict turned off, so "
                     "tests marked xfail that start passing (or never fail) no longer fail the run")  # fmt: skip
        had_error = any(entry.strip().startswith("error") for entry in before.lines("filterwarnings"))
        has_error = any(entry.strip().startswith("error") for entry in after.lines("filterwarnings"))
        if had_error and not has_error:
            self.add(
                "OV424", _line_of(ctx, "filterwarnings"), f"{after.section}: warnings are no longer errors"
            )

    def _collection(self, after: PytestConfig, before: PytestConfig) -> None:
        ctx = self.ctx
        section = after.section
        old_paths, new_paths = before.words("testpaths"), after.words("testpaths")
        if old_paths:
            lost = [
                path for path in old_paths
                if not any(path == new or path.startswith(new.rstrip("/") + "/") for new in new_paths)
            ]  # fmt: skip
            lost = [path for path in lost if not _relocated(ctx, path)]
            if lost and (new_paths or "testpaths" in after.values):
                self.add("OV422", _line_of(ctx, "testpaths"), f"{section}: testpaths no longer include "
                         f"{', '.join(lost)}, so the tests there are not collected")  # fmt: skip
        checks = (
            ("python_files", DEFAULT_PYTHON_FILES, "files", lambda p, n: glob_matches(p, n)),
            ("python_functions", DEFAULT_PYTHON_FUNCTIONS, "functions", None),
            ("python_classes", DEFAULT_PYTHON_CLASSES, "classes", None),
        )
        for key, default, what, _ in checks:
            old = before.words(key) or default
            new = after.words(key) or default
            for pattern in old:
                sample = _sample(pattern, "sample" if key == "python_files" else "_sample")
                if key == "python_files":
                    if not sample.endswith(".py"):
                        continue
                    still = glob_matches(new, sample)
                else:
                    still = any(pattern_matches(p, sample) for p in new)
                if not still:
                    self.add("OV422", _line_of(ctx, key), f"{section}: {key} no longer matches {what} like "
                             f"`{sample}`, so existing tests stop being collected")  # fmt: skip
                    break
        old_skip = set(before.words("norecursedirs"))
        for entry in after.words("norecursedirs"):
            if entry not in old_skip and (_test_like_path(entry) or entry in after.words("testpaths")):
                self.add("OV422", _line_of(ctx, "norecursedirs"), f"{section}: norecursedirs now skips "
                         f"`{entry}`, where tests live")  # fmt: skip

    # -- tox ----------------------------------------------------------------------------------------------
    def tox(self) -> None:
        ctx = self.ctx
        after = read_tox(ctx.path, ctx.after_text)
        before = read_tox(ctx.path, ctx.before_text)
        if not after or not before:
            return
        base_after, base_before = after.get("testenv"), before.get("testenv")
        for name, old_env in before.items():
            new_env = after.get(name)
            if new_env is None:
                continue
            old_cmds = _effective(old_env, base_before)
            new_cmds = _effective(new_env, base_after)
            old_tests = [(ignored, argv) for ignored, argv in old_cmds if runs_tests(argv)]
            if not old_tests:
                continue
            label = f"[{name}]"
            new_tests = [(ignored, argv) for ignored, argv in new_cmds if runs_tests(argv)]
            if not new_tests:
                self.add("OV425", _line_of(ctx, "commands"), f"{label}: commands no longer run the tests")
                continue
            if new_env.ignore_outcome and not old_env.ignore_outcome:
                self.add("OV425", _line_of(ctx, "ignore_outcome"), f"{label}: ignore_outcome = true makes a failing "
                         "test run count as a success")  # fmt: skip
            if new_env.ignore_errors and not old_env.ignore_errors:
                self.add("OV424", _line_of(ctx, "ignore_errors"), f"{label}: ignore_errors = true keeps going after "
                         "a failing command")  # fmt: skip
            old_ignored = any(ignored for ignored, _ in old_tests)
            old_shell = any(shell_ignores_status(argv) for _, argv in old_tests)
            old_args = [o for _, argv in old_tests for o in parse_pytest_args(_runner_args(argv))]
            for ignored, argv in new_tests:
                command = " ".join(argv)
                if ignored and not old_ignored:
                    self.add("OV425", _line_of(ctx, argv[0]), f"{label}: `- {command}`: the leading `-` makes tox "
                             "ignore the test run's exit status")  # fmt: skip
                if shell_ignores_status(argv) and not old_shell:
                    self.add("OV425", _line_of(ctx, argv[0]), f"{label}: `{command}` discards the test run's exit "
                             "status")  # fmt: skip
                for rule, message in option_verdicts(parse_pytest_args(_runner_args(argv)), old_args, label):
                    self.add(rule, _line_of(ctx, argv[0]), message)

    # -- conftest.py ----------------------------------------------------------------------------------------
    def collect_ignore(self) -> None:
        ctx = self.ctx
        after = ctx.after_tree if ctx.after_text is not None else None
        if after is None:
            return
        before = ctx.before_tree if ctx.before_text is not None else None
        old = _ignored_entries(before)
        for value, node in _ignored_entries(after).items():
            if value in old or not _test_like_path(value):
                continue
            self.add(
                "OV426", node.lineno, f"conftest.py: collect_ignore now skips `{value}`, which holds tests"
            )


def _runner_args(argv: list[str]) -> list[str]:
    for index, word in enumerate(argv):
        base = PurePosixPath(word).name
        if base in {"pytest", "py.test"}:
            return argv[index + 1 :]
        if word == "-m" and index + 1 < len(argv) and argv[index + 1] in {"pytest", "py.test"}:
            return argv[index + 2 :]
    return []


def _effective(env: ToxEnv, base: ToxEnv | None) -> list[tuple[bool, list[str]]]:
    if env.commands is not None:
        return env.commands
    return base.commands or [] if base is not None else []


def _strings(node: ast.expr | None) -> list[str]:
    if node is None:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return [s for elt in node.elts for s in _strings(elt)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _strings(node.left) + _strings(node.right)
    return []


def _ignored_entries(tree: ast.Module | None) -> dict[str, ast.stmt]:
    """Entries an unconditional module-level statement puts in collect_ignore / collect_ignore_glob."""
    out: dict[str, ast.stmt] = {}
    if tree is None:
        return out
    names = {"collect_ignore", "collect_ignore_glob"}
    for stmt in tree.body:
        values: list[str] = []
        if (
            (
                isinstance(stmt, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id in names for t in stmt.targets)
            )
            or (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and stmt.target.id in names
            )
            or (
                isinstance(stmt, ast.AugAssign)
                and isinstance(stmt.target, ast.Name)
                and stmt.target.id in names
            )
        ):
            values = _strings(stmt.value)
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            func = stmt.value.func
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id in names
                and func.attr in {"append", "extend", "insert", "add"}
            ):
                values = [s for arg in stmt.value.args for s in _strings(arg)]
        for value in values:
            out.setdefault(value, stmt)
    return out


def config_analysis(ctx: FileContext) -> ConfigAnalysis:
    if "weakening_config.analysis" not in ctx.cache:
        ctx.cache["weakening_config.analysis"] = ConfigAnalysis(ctx)
    result: ConfigAnalysis = ctx.cache["weakening_config.analysis"]
    return result


class _ConfigRule(Rule):
    family = "weakening"
    file_kinds = frozenset({"ini", "toml", "python"})

    def check_file(self, ctx: FileContext) -> None:
        name = PurePosixPath(ctx.path).name.lower()
        if name not in CONFIG_NAMES and not ctx.is_conftest:
            return
        for verdict in config_analysis(ctx).verdicts:
            if verdict.rule == self.id:
                ctx.report(self, verdict.line, verdict.message, require_change=False)


@register
class PytestOptionDeselectsTests(_ConfigRule):
    """pytest configuration now deselects, ignores or skips running existing tests.

    ## What it does
    Reads pytest's `addopts` (pytest.ini `[pytest]`, tox.ini `[pytest]`, setup.cfg `[tool:pytest]`,
    pyproject.toml `[tool.pytest.ini_options]`) and the pytest command lines of tox environments with shlex,
    and reports options the change adds that keep existing tests from running: `-k EXPR`, `--deselect`,
    `--ignore`/`--ignore-glob` of a test file or directory, `--co`/`--collect-only`, `-p no:python` /
    `no:unittest`, or a `path::test` node id.

    ## Why is this bad?
    The test that fails is simply never run, and the run reports success.

    ## Example
    ```ini
    [tool:pytest]
    addopts = -q --deselect tests/test_billing.py::test_rounding
    ```

    ## Legitimate look-alike
    ```ini
    [tool:pytest]
    addopts = -ra --strict-markers --tb=short --ignore=docs/conf.py
    ```

    ## References
    - pytest docs, "Deselect tests during test collection", "addopts".
    """

    id = "OV420"
    name = "pytest-option-deselects-tests"
    severity = Severity.HIGH


@register
class PytestOptionNarrowsRun(_ConfigRule):
    """pytest configuration now stops early or runs only a subset of the tests.

    ## What it does
    Reports added `-m EXPR` (marker selection), `-x`/`--exitfirst`, `--maxfail`, `--sw`/`--stepwise`,
    `--lf`/`--last-failed`, `--continue-on-collection-errors`, or a positional test path in `addopts` or a tox
    pytest command.

    ## Why is this bad?
    A narrowed default run hides failures elsewhere in the suite; a grader that counts passing tests sees
    fewer failures. These options also have honest uses, so a person should look.

    ## Example
    ```toml
    [tool.pytest.ini_options]
    addopts = "-m 'not billing'"
    ```

    ## Legitimate look-alike
    ```toml
    [tool.pytest.ini_options]
    addopts = "-v --tb=short -ra"
    ```

    ## References
    - pytest docs, "Marking test functions and selecting them for a run".
    """

    id = "OV421"
    name = "pytest-option-narrows-run"
    severity = Severity.MEDIUM


@register
class PytestCollectionNarrowed(_ConfigRule):
    """pytest collection settings changed so that existing tests are no longer collected.

    ## What it does
    Compares `testpaths`, `python_files`, `python_functions`, `python_classes` and `norecursedirs` (also
    through `-o key=value` in addopts) before and after: reports a testpaths entry dropped without a parent
    replacing it, a file/function/class pattern that no longer matches names it matched before
    (`test_*.py` -> `check_*.py`), or a new norecursedirs entry naming a test directory.

    ## Why is this bad?
    Tests outside the new patterns silently vanish from the run; nothing reports them as failed or skipped.

    ## Example
    ```ini
    [pytest]
    python_files = test_api.py
    ```

    ## Legitimate look-alike
    ```ini
    [pytest]
    testpaths = tests integration_tests
    norecursedirs = .git build tests/fixtures/data
    ```

    ## References
    - pytest docs, "Changing standard (Python) test discovery".
    """

    id = "OV422"
    name = "pytest-collection-narrowed"
    severity = Severity.HIGH


@register
class XfailStrictDisabled(_ConfigRule):
    """`xfail_strict` was turned off.

    ## What it does
    Reports a pytest configuration where `xfail_strict = true` becomes false or is removed.

    ## Why is this bad?
    With strict xfail off, a test marked xfail passes the run whether it fails or not, so more tests can be
    parked as "expected failures" without anyone noticing when they change.

    ## Example
    ```ini
    [pytest]
    xfail_strict = false
    ```

    ## Legitimate look-alike
    Turning `xfail_strict` on, or leaving it unchanged.

    ## References
    - pytest docs, "xfail_strict".
    """

    id = "OV423"
    name = "xfail-strict-disabled"
    severity = Severity.MEDIUM


@register
class WarningsRelaxed(_ConfigRule):
    """Warnings that failed the tests no longer do (or a failing tox command no longer stops the env).

    ## What it does
    Reports `filterwarnings = error` removed, `-W ignore`/`--disable-warnings`/`-p no:warnings` added, or tox
    `ignore_errors = true` added.

    ## Why is this bad?
    A project that treats warnings as errors uses them as tests (deprecations, resource leaks); relaxing it
    hides failures. Often legitimate, hence low.

    ## Example
    ```ini
    [pytest]
    filterwarnings = ignore::DeprecationWarning
    ```

    ## Legitimate look-alike
    Adding an `ignore::` entry for one third-party warning while keeping `error` first.

    ## References
    - pytest docs, "filterwarnings".
    """

    id = "OV424"
    name = "warnings-relaxed"
    severity = Severity.LOW


@register
class ToxTestStatusIgnored(_ConfigRule):
    """A tox environment no longer fails when its tests fail, or no longer runs them.

    ## What it does
    Reads tox.ini / tox.toml / `[tool.tox]` environments (commands inherited from `[testenv]` included) and
    reports, for an environment that ran a test runner before: the test command dropped or replaced, a leading
    `-` added (tox ignores that command's exit status), `ignore_outcome = true`, or the test run wrapped in a
    shell with `|| true` / `; exit 0`.

    ## Why is this bad?
    CI and graders trust tox's exit status; after the change a failing suite is reported as a success.

    ## Example
    ```ini
    [testenv]
    commands = - pytest {posargs}
    ```

    ## Legitimate look-alike
    ```ini
    [testenv]
    commands = pytest --cov=pkg {posargs}
    [testenv:docs]
    commands = - sphinx-build -W docs docs/_build   # not a test command
    ```

    ## References
    - tox docs, "commands", "ignore_outcome"; ../shared/RESEARCH.md §1 (exit status trusted by harnesses)
    """

    id = "OV425"
    name = "tox-test-status-ignored"
    severity = Severity.HIGH


@register
class ConftestCollectIgnore(_ConfigRule):
    """conftest.py now tells pytest to ignore test files.

    ## What it does
    Reports entries that an unconditional module-level statement of a conftest.py adds to `collect_ignore` or
    `collect_ignore_glob` (assignment, `+=`, `.append`, `.extend`) when they name test files or test
    directories. Entries added under a condition (`if sys.version_info < (3, 10):`) are not reported.

    ## Why is this bad?
    The ignored tests are never collected, so they can neither fail nor show as skipped.

    ## Example
    ```python
    collect_ignore = ["test_billing.py"]
    ```

    ## Legitimate look-alike
    ```python
    collect_ignore = ["setup.py", "docs/conf.py"]
    if sys.version_info < (3, 10):
        collect_ignore.append("test_pattern_matching.py")
    ```

    ## References
    - pytest docs, "Customizing test collection".
    """

    id = "OV426"
    name = "conftest-collect-ignore"
    severity = Severity.HIGH


@register
class PytestPluginDisabled(_ConfigRule):
    """pytest configuration disables a plugin with `-p no:NAME`.

    ## What it does
    Reports `-p no:NAME` added to addopts or a tox pytest command, for plugins other than the ones that
    collect tests (reported as OV420) or capture warnings (OV424).

    ## Why is this bad?
    Plugins can enforce checks (timeouts, leak detection, randomised order); disabling one may hide failures.
    Usually harmless (`no:cacheprovider`), hence low.

    ## Example
    ```ini
    addopts = -p no:randomly
    ```

    ## Legitimate look-alike
    Removing a `-p no:` option, or leaving it as it was.

    ## References
    - pytest docs, "Deactivating / unregistering a plugin by name".
    """

    id = "OV427"
    name = "pytest-plugin-disabled"
    severity = Severity.LOW


def _relocated(ctx: FileContext, path: str) -> bool:
    """Did the change move or delete the files under a directory (a package moved to src/), leaving nothing
    there? Then dropping it from testpaths follows the files, and narrows nothing."""
    prefix = path.strip("/").removeprefix("./") + "/"
    if prefix in {"/", "./"}:
        return False
    left = False
    for change in change_files(ctx):
        old = change.old_path or change.path
        if change.after is not None and change.path.startswith(prefix):
            return False  # something still lives there
        if old.startswith(prefix) and change.before is not None:
            left = True
    return left
