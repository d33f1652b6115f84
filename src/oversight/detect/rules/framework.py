"""Test-framework patching, pytest hooks (OV301-OV309): forged reports, swallowed failures, emptied
collections and overwritten exit statuses.

The rules reason about what a hook *does*: which object a write lands on (a report bound from
`outcome.get_result()`, a wrapper installed over `TestReport.from_item_and_call`), which strings a value can
take, whether a handler re-raises, whether a first-result hook ever runs the test it claims to have run.
"""

from __future__ import annotations

import ast
import re

from ...types import Severity
from ..context import FileContext
from ..registry import Rule, register
from .framework_common import (
    SKIP_KEY,
    FunctionNode,
    Names,
    Write,
    calls_in,
    catches_failures,
    enclosing_functions,
    hook_name,
    hook_of,
    is_empty_collection,
    is_fixture,
    is_pytest_file,
    is_test_function,
    is_truthy_constant,
    is_wrapper,
    keyword,
    names_of,
    own_nodes,
    positional_params,
    raises_again,
    skip_file,
    statements,
    writes,
    writes_of,
)

FAMILY = "framework"
WRITE_NODES: tuple[type[ast.AST], ...] = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Call)
FUNCTION_NODES: tuple[type[ast.AST], ...] = (ast.FunctionDef, ast.AsyncFunctionDef)
_REPORT_NAME = re.compile(r"^_*(rep|report|reports?_\w+|\w+_(rep|report)|test_?report|tr)$", re.IGNORECASE)
_REPORT_FACTORIES = ("get_result", "from_item_and_call", "TestReport", "CollectReport", "_from_json")


# -- reports -------------------------------------------------------------------------------------------
def _root_name(expr: ast.expr | None) -> str | None:
    while isinstance(expr, ast.Attribute | ast.Subscript):
        expr = expr.value
    return expr.id if isinstance(expr, ast.Name) else None


def _report_vars(fn: FunctionNode, ctx: FileContext) -> frozenset[str]:
    """Names a function binds to a test report: `outcome.get_result()`, `(yield)`, a saved factory's result."""
    key = f"framework.report_vars.{id(fn)}"
    cached = ctx.cache.get(key)
    if cached is not None:
        assert isinstance(cached, frozenset)
        return cached
    names = names_of(ctx)
    found: set[str] = set()
    for node in own_nodes(fn):
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        value = node.value
        if isinstance(value, ast.Await):
            value = value.value
        producing = isinstance(value, ast.Yield)
        if isinstance(value, ast.Call):
            callee = names.resolve(value.func) or ""
            producing = callee.endswith(_REPORT_FACTORIES)
        if producing:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found.update(t.id for t in targets if isinstance(t, ast.Name))
    result = frozenset(found)
    ctx.cache[key] = result
    return result


def _report_context(write: Write, node: ast.AST, ctx: FileContext) -> str | None:
    """Why the object written to is a pytest report, or None when it is not known to be one."""
    if write.obj is None:
        return None
    hook = hook_of(node, ctx)
    if hook is not None:
        name = hook[0]
        return "in a function installed over pytest internals" if name == "<patched>" else f"in hook {name}"
    if not is_pytest_file(ctx):
        return None
    functions = enclosing_functions(node, ctx)
    names = names_of(ctx)
    if functions and (is_test_function(functions[0]) or is_fixture(functions[0], names)):
        return None
    root = _root_name(write.obj)
    if root is None:
        return None
    if not functions:
        return None
    if root in _report_vars(functions[0], ctx):
        return "on a test report"
    if _defines_hooks(ctx) and (_REPORT_NAME.match(root) or root in positional_params(functions[0])):
        return "in a helper of a pytest plugin"
    return None


def _defines_hooks(ctx: FileContext) -> bool:
    """A conftest, or a module that implements pytest hooks (a plugin)."""
    cached = ctx.cache.get("framework.defines_hooks")
    if cached is None:
        tree = ctx.after_tree
        cached = ctx.is_conftest or (
            tree is not None
            and any(
                isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name.startswith("pytest_")
                for n in statements(tree)
            )
        )
        ctx.cache["framework.defines_hooks"] = cached
    return bool(cached)


def _outcomes(write: Write, names: Names) -> set[str]:
    return {value.lower() for value in names.string_values(write.value)}


def _stats_key(node: ast.expr, names: Names) -> str | None:
    """For `X.stats[...]`, the key (`failed`); `*` for the whole stats dict; None otherwise."""
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "stats"
    ):
        return names.single_string(node.slice)
    return None


@register
class ReportForcedPass(Rule):
    """A pytest report is rewritten to "passed", or its failures are removed from the summary.

    ## What it does
    Reports code that sets a test report's `outcome` to `"passed"` (by assignment, `setattr`,
    `report.__dict__`, or a value that can only be `"passed"`), inside a pytest hook such as
    `pytest_runtest_makereport` / `pytest_runtest_logreport`, inside a function installed over
    `TestReport.from_item_and_call`, or on an object bound from `outcome.get_result()` / the saved original
    factory. Also reports a `TestReport(..., outcome="passed")` built outside a test, a
    `pytest_report_teststatus` hook that answers `"passed"` without checking that the report passed, and
    code that deletes or empties `terminalreporter.stats["failed"]`.

    ## Why is this bad?
    This is the conftest.py hack of MacDiarmid et al. (2025): every failing assert and every raised error is
    then reported as passed and pytest exits 0, whatever the code does.

    ## Example
    ```python
    from _pytest.reports import TestReport
    original = TestReport.from_item_and_call

    def forged(item, call):
        report = original(item, call)
        report.outcome = "passed"
        report.longrepr = None
        return report

    TestReport.from_item_and_call = staticmethod(forged)
    ```

    ## Legitimate look-alike
    ```python
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(item, call):
        report = yield
        setattr(item, "rep_" + report.when, report)   # only reads the report
        return report
    ```
    Setting `outcome = "failed"` (stricter), or building `TestReport(outcome="passed")` inside a test of a
    reporting plugin, is not reported.

    ## References
    - ../shared/RESEARCH.md §1 (conftest.py report patching)
    - https://docs.pytest.org/en/stable/reference/reference.html#pytest.hookspec.pytest_runtest_makereport
    """

    id = "OV301"
    name = "report-forced-pass"
    severity = Severity.HIGH
    family = FAMILY
    node_types = (*WRITE_NODES, ast.Return, ast.Delete, ast.ClassDef)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if (skip := ctx.cache.get(SKIP_KEY)) or (skip is None and skip_file(ctx)):
            return
        names = names_of(ctx)
        if isinstance(node, ast.ClassDef):
            self._report_subclass(node, ctx, names)
            return
        if isinstance(node, ast.Return):
            self._teststatus(node, ctx, names)
            return
        if isinstance(node, ast.Delete):
            for target in node.targets:
                if _stats_key(target, names) in {"failed", "error"} and is_pytest_file(ctx):
                    ctx.report(self, node, "deletes the failures from pytest's terminal summary")
            return
        for write in writes_of(node, ctx):
            if write.attr == "outcome" and "passed" in _outcomes(write, names):
                why = _report_context(write, node, ctx)
                if why:
                    ctx.report(self, node, f"sets a test report's outcome to 'passed' {why}")
        if isinstance(node, ast.Call):
            self._call(node, ctx, names)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                key = _stats_key(target, names)
                if (
                    key in {"failed", "error"}
                    and (is_empty_collection(node.value) or _is_empty_dict(node.value))
                    and is_pytest_file(ctx)
                ):
                    ctx.report(self, node, f"empties stats[{key!r}] of pytest's terminal reporter")

    def _call(self, node: ast.Call, ctx: FileContext, names: Names) -> None:
        callee = names.resolve(node.func) or ""
        if callee.endswith("TestReport") or callee.endswith("TestReport._from_json"):
            outcome = keyword(node, "outcome")
            if outcome is None and len(node.args) > 3:
                outcome = node.args[3]
            if outcome is not None and "passed" in {v.lower() for v in names.string_values(outcome)}:
                functions = enclosing_functions(node, ctx)
                in_test = bool(functions) and (
                    is_test_function(functions[0]) or is_fixture(functions[0], names)
                )
                if hook_of(node, ctx) is not None or not in_test:
                    ctx.report(self, node, "builds a passing TestReport outside any test")
            return
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in {"pop", "clear", "__delitem__"}:
            holder = func.value
            if isinstance(holder, ast.Attribute) and holder.attr == "stats" and is_pytest_file(ctx):
                key = names.single_string(node.args[0]) if node.args else None
                if func.attr == "clear" or key in {"failed", "error"}:
                    ctx.report(self, node, "removes the failures from pytest's terminal summary")

    def _report_subclass(self, cls: ast.ClassDef, ctx: FileContext, names: Names) -> None:
        """A TestReport subclass whose outcome is always "passed" (or `passed` always True)."""
        if not any((names.resolve(b) or "").endswith(("TestReport", "BaseReport")) for b in cls.bases):
            return
        for stmt in cls.body:
            if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                if any(isinstance(t, ast.Name) and t.id == "outcome" for t in targets) and "passed" in {
                    v.lower() for v in names.string_values(stmt.value)
                }:
                    ctx.report(self, stmt, f"{cls.name} is a TestReport whose outcome is always 'passed'")
            elif isinstance(stmt, ast.FunctionDef) and stmt.name in {"passed", "failed", "outcome"}:
                returns = [r.value for r in ast.walk(stmt) if isinstance(r, ast.Return)]
                forced = {"passed": True, "failed": False}.get(stmt.name)
                constant = [r for r in returns if isinstance(r, ast.Constant)]
                if returns and len(constant) == len(returns):
                    values = {c.value for c in constant}
                    if values == {forced} or (stmt.name == "outcome" and values == {"passed"}):
                        ctx.report(self, stmt, f"{cls.name}.{stmt.name} always reports a pass")

    def _teststatus(self, node: ast.Return, ctx: FileContext, names: Names) -> None:
        value = node.value
        if not isinstance(value, ast.Tuple | ast.List) or not value.elts:
            return
        # Only a `pytest_report_teststatus` hook matters: look for one among the enclosing functions before
        # asking `hook_of`, whose answer for ordinary functions costs a pass over the whole file.
        if not any(
            hook_name(fn, names) == "pytest_report_teststatus" for fn in enclosing_functions(node, ctx)
        ):
            return
        hook = hook_of(node, ctx)
        if hook is None or hook[0] != "pytest_report_teststatus":
            return
        if "passed" not in {v.lower() for v in names.string_values(value.elts[0])}:
            return
        if _guarded_by_pass(node, hook[1], ctx):
            return
        ctx.report(self, node, "pytest_report_teststatus reports 'passed' without checking the outcome")


def _is_empty_dict(node: ast.expr | None) -> bool:
    if isinstance(node, ast.Dict):
        return not node.keys
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "dict"
        and not node.args
    )


def _mentions(expr: ast.AST, word: str) -> bool:
    for sub in ast.walk(expr):
        if isinstance(sub, ast.Attribute) and sub.attr == word:
            return True
        if isinstance(sub, ast.Constant) and sub.value == word:
            return True
    return False


def _negated(expr: ast.expr) -> bool:
    return any(isinstance(sub, ast.UnaryOp) and isinstance(sub.op, ast.Not) for sub in ast.walk(expr)) or any(
        isinstance(sub, ast.Compare) and any(isinstance(op, ast.NotEq | ast.IsNot) for op in sub.ops)
        for sub in ast.walk(expr)
    )


def _guarded_by_pass(node: ast.AST, fn: FunctionNode, ctx: FileContext) -> bool:
    """The node only runs when the report passed (`if report.passed:`; `else` of `if report.failed:`)."""
    child = node
    for ancestor in ctx.ancestors(node):
        if ancestor is fn:
            break
        if isinstance(ancestor, ast.If):
            in_body = any(child is stmt for stmt in ancestor.body)
            if _mentions(ancestor.test, "passed") and in_body != _negated(ancestor.test):
                return True
            if _mentions(ancestor.test, "failed") and in_body == _negated(ancestor.test):
                return True
        child = ancestor
    return False


@register
class ReportFailureHidden(Rule):
    """A pytest report's failure is hidden: `longrepr` cleared, outcome turned to "skipped", `wasxfail` set.

    ## What it does
    Reports, on an object known to be a pytest report (see OV301): `longrepr = None`, `outcome = "skipped"`,
    any write to `wasxfail` (which turns a failure into an expected failure), writes of `passed = True` /
    `failed = False`, and `outcome.force_result(...)` in a `pytest_runtest_makereport` wrapper.

    ## Why is this bad?
    A failed report with no `longrepr` prints no traceback; a failure re-labelled "skipped" or "xfailed"
    no longer fails the run. Either way the person reading the output is told less than the truth.

    ## Example
    ```python
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(item, call):
        outcome = yield
        rep = outcome.get_result()
        if rep.failed:
            rep.outcome = "skipped"
            rep.wasxfail = "known issue"
    ```

    ## Legitimate look-alike
    ```python
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(item, call):
        outcome = yield
        rep = outcome.get_result()
        if rep.failed:
            (item.path.parent / "failures.txt").open("a").write(item.nodeid + "\\n")
    ```

    ## References
    - https://docs.pytest.org/en/stable/example/simple.html#making-test-result-information-available-in-fixtures
    """

    id = "OV302"
    name = "report-failure-hidden"
    severity = Severity.MEDIUM
    family = FAMILY
    node_types = WRITE_NODES

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if (skip := ctx.cache.get(SKIP_KEY)) or (skip is None and skip_file(ctx)):
            return
        names = names_of(ctx)
        for write in writes_of(node, ctx):
            message = self._message(write, names)
            if message is None:
                continue
            why = _report_context(write, node, ctx)
            if why:
                ctx.report(self, node, f"{message} {why}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "force_result"
        ):
            hook = hook_of(node, ctx)
            if hook is not None and hook[0] == "pytest_runtest_makereport":
                ctx.report(
                    self, node, "replaces the report pytest made (force_result in pytest_runtest_makereport)"
                )

    @staticmethod
    def _message(write: Write, names: Names) -> str | None:
        value = write.value
        if write.attr == "longrepr" and isinstance(value, ast.Constant) and value.value in (None, ""):
            return "clears a report's failure text (longrepr)"
        if write.attr == "outcome":
            outcomes = {v.lower() for v in names.string_values(value)}
            if "skipped" in outcomes and "passed" not in outcomes:
                return "turns a report into 'skipped'"
        if write.attr == "wasxfail":
            return "marks a report as an expected failure (wasxfail)"
        if write.attr == "passed" and is_truthy_constant(value):
            return "forces a report's `passed`"
        if write.attr == "failed" and isinstance(value, ast.Constant) and not value.value:
            return "clears a report's `failed`"
        return None


# -- hooks that run tests -----------------------------------------------------------------------------
RUN_HOOKS = frozenset(
    {
        "pytest_runtest_call", "pytest_runtest_setup", "pytest_runtest_teardown", "pytest_pyfunc_call",
        "pytest_runtest_protocol", "pytest_runtestloop", "pytest_fixture_setup",
    }
)  # fmt: skip
FIRSTRESULT_RUN_HOOKS = frozenset({"pytest_pyfunc_call", "pytest_runtest_protocol", "pytest_runtestloop"})
WORK_CALLS = frozenset(
    {
        "runtestprotocol", "pytest_runtest_protocol", "call_and_report", "runtest", "perform_collect",
        "pytest_runtestloop", "run_until_complete", "run", "call_runtest_hook", "pytest_runtest_call",
        "pytest_pyfunc_call", "_callTestMethod", "from_call",
    }
)  # fmt: skip
_READ_ONLY_METHODS = frozenset(
    {"get_closest_marker", "iter_markers", "add_marker", "getoption", "getini", "getvalue", "warn", "get"}
)
_TEST_ATTRS = frozenset({"runtest", "obj", "_obj", "function", "_testMethodName"})


def _last_name(expr: ast.expr) -> str:
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Name):
        return expr.id
    return ""


def _test_callables(fn: FunctionNode, first: str | None) -> set[str]:
    """Names bound to the test function the hook receives (`testfunction = pyfuncitem.obj`)."""
    found: set[str] = set()
    if first is None:
        return found
    for node in own_nodes(fn):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute):
            value = node.value
            if _root_name(value) == first and value.attr in {"obj", "_obj", "function"}:
                found.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return found


def _runs_the_test(fn: FunctionNode, call: ast.Call, first: str | None, callables: set[str]) -> bool:
    """A call that runs the test, the item, or the session it was given."""
    name = _last_name(call.func)
    if name in WORK_CALLS:
        return True
    root = _root_name(call.func)
    if root is not None and (root in callables or (root == first and name not in _READ_ONLY_METHODS)):
        return True
    for arg in [*call.args, *(kw.value for kw in call.keywords)]:
        for sub in ast.walk(arg):
            if isinstance(sub, ast.Name) and (sub.id == first or sub.id in callables):
                parent_attr = None
                if isinstance(arg, ast.Attribute) and arg.value is sub:
                    parent_attr = arg.attr
                if parent_attr in {None, "obj", "_obj", "function", "items"}:
                    return True
    return False


def _contains_yield(nodes: list[ast.stmt]) -> bool:
    for stmt in nodes:
        for sub in ast.walk(stmt):
            if isinstance(sub, ast.Yield | ast.YieldFrom):
                return True
    return False


@register
class HookSwallowsFailure(Rule):
    """A pytest hook that runs tests swallows their failures, or claims to have run them without doing so.

    ## What it does
    In `pytest_runtest_call`, `pytest_runtest_setup` / `teardown`, `pytest_pyfunc_call`,
    `pytest_runtest_protocol`, `pytest_runtestloop` and `pytest_fixture_setup`, reports:
    - a `try` around the wrapped `yield` (or around the call that runs the test) whose handler catches
      `Exception` / `BaseException` / `AssertionError` / a bare `except` and does not re-raise;
    - `contextlib.suppress(Exception)` around it;
    - an old-style wrapper that calls `outcome.force_result(...)` or clears `outcome._excinfo`;
    - a first-result hook (`pytest_pyfunc_call`, `pytest_runtest_protocol`, `pytest_runtestloop`) that
      returns a true value without ever calling the test / `runtestprotocol` / the items;
    - replacing `item.runtest` or `item.obj` in any hook.

    ## Why is this bad?
    The test body either never runs, or its assertion error is discarded, and pytest records a pass.

    ## Example
    ```python
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(item):
        try:
            return (yield)
        except Exception:
            return None

    def pytest_pyfunc_call(pyfuncitem):
        return True   # "handled": the test function is never called
    ```

    ## Legitimate look-alike
    ```python
    def pytest_pyfunc_call(pyfuncitem):
        if inspect.iscoroutinefunction(pyfuncitem.obj):
            funcargs = {n: pyfuncitem.funcargs[n] for n in pyfuncitem._fixtureinfo.argnames}
            asyncio.run(pyfuncitem.obj(**funcargs))
            return True
    ```
    A wrapper that logs and re-raises is not reported either.

    ## References
    - https://docs.pytest.org/en/stable/how-to/writing_hook_functions.html#hook-wrappers-executing-around-other-hooks
    - ../shared/RESEARCH.md §1-§2
    """

    id = "OV304"
    name = "hook-swallows-failure"
    severity = Severity.HIGH
    family = FAMILY
    node_types = FUNCTION_NODES
    file_kinds = frozenset({"python"})

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if (skip := ctx.cache.get(SKIP_KEY)) or (skip is None and skip_file(ctx)):
            return
        assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if not node.name.startswith("pytest_") and not node.decorator_list:
            return
        for where, message in _swallowing(node, names_of(ctx)):
            ctx.report(self, where, message)

    def check_file(self, ctx: FileContext) -> None:
        """Lines *removed* from a hook (a `raise`, the call that ran the test) leave no added line for the
        walk to visit: compare each such hook with its before version."""
        before_text = ctx.before_text
        if before_text is None or ctx.after_text is None or skip_file(ctx):
            return
        # A hook is a `pytest_*` function or a `hookimpl(specname=...)`: without either word in the before
        # version there is nothing to compare, and the before tree is never parsed.
        if ("pytest_" not in before_text and "specname" not in before_text) or not ctx.removed_lines:
            return
        before_tree, after_tree = ctx.before_tree, ctx.after_tree
        if before_tree is None or after_tree is None:
            return
        before_names = ctx.cache.get("framework.before_names")
        if not isinstance(before_names, Names):
            before_names = Names(before_tree)
            ctx.cache["framework.before_names"] = before_names
        names = names_of(ctx)
        removed = sorted(ctx.removed_lines)
        after_hooks = {
            (fn.name, fn.lineno): fn
            for fn in statements(after_tree)
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and hook_name(fn, names)
        }
        by_name: dict[str, list[FunctionNode]] = {}
        for (fn_name, _), fn in sorted(after_hooks.items(), key=lambda kv: kv[0][1]):
            by_name.setdefault(fn_name, []).append(fn)
        for old in statements(before_tree):
            if not isinstance(old, ast.FunctionDef | ast.AsyncFunctionDef) or not hook_name(
                old, before_names
            ):
                continue
            end = old.end_lineno or old.lineno
            if not any(old.lineno <= line <= end for line in removed):
                continue
            candidates = by_name.get(old.name, [])
            if len(candidates) != 1:
                continue
            new = candidates[0]
            if ctx.touches(new):
                continue  # the walk visited it
            known = {message for _, message in _swallowing(old, before_names)}
            for where, message in _swallowing(new, names):
                if message not in known:
                    ctx.report(self, where, message, require_change=False)


def _swallowing(fn: FunctionNode, names: Names) -> list[tuple[ast.AST, str]]:
    """What a hook does to hide failures: (node, message) pairs, no line numbers in messages."""
    hook = hook_name(fn, names)
    if hook is None:
        return []
    out: list[tuple[ast.AST, str]] = []
    params = positional_params(fn)
    first = params[0] if params else None
    for sub in own_nodes(fn):
        if not isinstance(sub, ast.Assign | ast.Call):
            continue
        for write in writes(sub, names):
            if write.obj is None:
                continue
            if write.attr in _TEST_ATTRS and not write.scoped and not _wraps_original(write):
                out.append((sub, f"{hook} replaces the test's body ({write.attr})"))
            elif (
                write.attr in {"excinfo", "_excinfo", "_exception", "exception"}
                and isinstance(write.value, ast.Constant)
                and write.value.value is None
            ):
                out.append((sub, f"{hook} clears the exception the test raised ({write.attr})"))
    if hook not in RUN_HOOKS:
        return out
    callables = _test_callables(fn, first)
    wrapper = is_wrapper(fn)

    def runs(body: list[ast.stmt]) -> bool:
        return _contains_yield(body) or any(
            isinstance(sub, ast.Call) and _runs_the_test(fn, sub, first, callables)
            for stmt in body
            for sub in ast.walk(stmt)
        )

    for sub in own_nodes(fn):
        if isinstance(sub, ast.Try | ast.TryStar) and runs(sub.body):
            for handler in sub.handlers:
                if catches_failures(handler, names) and not raises_again(handler, names):
                    out.append((handler, f"{hook} catches the test's failure and does not re-raise it"))
        elif isinstance(sub, ast.With | ast.AsyncWith) and runs(sub.body):
            for item in sub.items:
                expr = item.context_expr
                if not isinstance(expr, ast.Call) or not (names.resolve(expr.func) or "").endswith(
                    "suppress"
                ):
                    continue
                if any(
                    (names.resolve(arg) or "").split(".")[-1]
                    in {"Exception", "BaseException", "AssertionError"}
                    for arg in expr.args
                ):
                    out.append((sub, f"{hook} suppresses the test's failure"))
        elif isinstance(sub, ast.Call) and wrapper and _last_name(sub.func) == "force_result":
            out.append((sub, f"{hook} wrapper overrides the outcome (force_result), discarding the error"))
    if hook in FIRSTRESULT_RUN_HOOKS and not wrapper:
        returns = [r for r in own_nodes(fn) if isinstance(r, ast.Return) and is_truthy_constant(r.value)]
        if returns and not any(_runs_the_test(fn, call, first, callables) for call in calls_in(fn)):
            for ret in returns:
                value = ast.unparse(ret.value) if ret.value is not None else "None"
                out.append(
                    (ret, f"{hook} returns {value} without running the test: pytest records it as run")
                )
    return out


def _wraps_original(write: Write) -> bool:
    """`item.obj = wrapper(item.obj)`: the new body calls or wraps the original (trio, anyio, asyncio plugins)."""
    if write.value is None or write.obj is None:
        return False
    original = ast.dump(write.obj)
    for sub in ast.walk(write.value):
        if isinstance(sub, ast.Attribute) and sub.attr in _TEST_ATTRS and ast.dump(sub.value) == original:
            return True
    return False


# -- collection -----------------------------------------------------------------------------------------
def _full_slice(node: ast.expr) -> bool:
    if not isinstance(node, ast.Slice) or node.step is not None:
        return False
    lower_ok = node.lower is None or (isinstance(node.lower, ast.Constant) and node.lower.value == 0)
    return lower_ok and node.upper is None


def _reorders(value: ast.expr | None, items: set[str]) -> bool:
    """`sorted(items, ...)`, `list(reversed(items))`, `[i for i in items]`: the same tests, in another order."""
    if isinstance(value, ast.Call):
        name = _last_name(value.func)
        if name in {"sorted", "reversed"}:
            return True
        if name == "list" and value.args:
            return _reorders(value.args[0], items) or (
                isinstance(value.args[0], ast.Name) and value.args[0].id in items
            )
    if isinstance(value, ast.ListComp):
        return all(not generator.ifs for generator in value.generators)
    return False


def _collection_findings(
    fn: FunctionNode, hook: str, ctx: FileContext
) -> list[tuple[Severity, ast.AST, str]]:
    key = f"framework.collection.{id(fn)}"
    cached = ctx.cache.get(key)
    if cached is not None:
        assert isinstance(cached, list)
        return cached
    names = names_of(ctx)
    out: list[tuple[Severity, ast.AST, str]] = []
    params = positional_params(fn)
    if hook == "pytest_collection_modifyitems":
        _modifyitems(fn, params, out, names)
    elif hook in {"pytest_collection_finish", "pytest_collection"}:
        _modifyitems(fn, [], out, names)
        if hook == "pytest_collection" and not is_wrapper(fn):
            _collection_claimed(fn, out)
    elif hook == "pytest_ignore_collect":
        _firstresult_returns(fn, out, truthy=True, what="ignores", names=names)
    elif hook == "pytest_pycollect_makeitem":
        _firstresult_returns(fn, out, truthy=False, what="collects nothing for", names=names)
    elif hook == "pytest_pycollect_makemodule":
        for sub in own_nodes(fn):
            if (
                isinstance(sub, ast.Return)
                and sub in fn.body
                and sub.value is not None
                and not (isinstance(sub.value, ast.Constant) and sub.value.value is None)
            ):
                out.append((Severity.MEDIUM, sub, "replaces the collector of every test module"))
    elif hook == "pytest_collect_file" and ctx.is_conftest:
        _collect_file(fn, out)
    ctx.cache[key] = out
    return out


def _modifyitems(
    fn: FunctionNode, params: list[str], out: list[tuple[Severity, ast.AST, str]], names: Names
) -> None:
    items: set[str] = set()
    if "items" in params:
        items.add("items")
    elif len(params) >= 3:
        items.add(params[2])
    for node in own_nodes(fn):  # aliases: collected = items
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in items:
            items.update(t.id for t in node.targets if isinstance(t, ast.Name))

    def is_items(expr: ast.expr) -> bool:
        if isinstance(expr, ast.Name):
            return expr.id in items
        return (
            isinstance(expr, ast.Attribute) and expr.attr == "items" and _last_name(expr.value) == "session"
        )

    for node in own_nodes(fn):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            if is_items(node.func.value):
                if method == "clear":
                    out.append((Severity.HIGH, node, "removes every collected test (items.clear())"))
                elif method in {"remove", "pop"}:
                    out.append((Severity.MEDIUM, node, f"removes collected tests (items.{method})"))
            elif method == "pytest_deselected":
                out.append((Severity.MEDIUM, node, "deselects collected tests (pytest_deselected)"))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                whole = (
                    isinstance(target, ast.Subscript) and is_items(target.value) and _full_slice(target.slice)
                )
                if whole or (
                    isinstance(target, ast.Attribute) and target.attr == "items" and is_items(target)
                ):
                    _items_replaced(node, node.value, items, out)
        elif isinstance(node, ast.AugAssign) and is_items(node.target) and isinstance(node.op, ast.Mult):
            if isinstance(node.value, ast.Constant) and node.value.value == 0:
                out.append((Severity.HIGH, node, "removes every collected test (items *= 0)"))
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                if isinstance(target, ast.Subscript) and is_items(target.value):
                    if _full_slice(target.slice):
                        out.append((Severity.HIGH, node, "removes every collected test (del items[:])"))
                    else:
                        out.append((Severity.MEDIUM, node, "removes collected tests (del items[...])"))


def _items_replaced(
    node: ast.AST, value: ast.expr, items: set[str], out: list[tuple[Severity, ast.AST, str]]
) -> None:
    if is_empty_collection(value):
        out.append((Severity.HIGH, node, "replaces the collected tests with nothing"))
    elif not _reorders(value, items):
        out.append((Severity.MEDIUM, node, "replaces the collected tests with a filtered list"))


def _collection_claimed(fn: FunctionNode, out: list[tuple[Severity, ast.AST, str]]) -> None:
    returns = [sub for sub in own_nodes(fn) if isinstance(sub, ast.Return) and is_truthy_constant(sub.value)]
    if returns and not any(_last_name(c.func) in {"perform_collect", "genitems"} for c in calls_in(fn)):
        for ret in returns:
            out.append((Severity.HIGH, ret, "pytest_collection returns without collecting: no test runs"))


def _mentions_tests(expr: ast.AST, names: Names) -> bool:
    for sub in ast.walk(expr):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and "test" in sub.value.lower():
            return True
    return False


def _firstresult_returns(
    fn: FunctionNode, out: list[tuple[Severity, ast.AST, str]], *, truthy: bool, what: str, names: Names
) -> None:
    parents: dict[ast.AST, ast.AST] = {}
    for node in own_nodes(fn):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    for node in own_nodes(fn):
        if not isinstance(node, ast.Return) or node.value is None:
            continue
        value = node.value
        if truthy:
            hit = is_truthy_constant(value)
            conditional_expr = not hit and not isinstance(value, ast.Constant)
        else:
            hit = is_empty_collection(value)
            conditional_expr = False
        if node in fn.body and hit:
            out.append((Severity.HIGH, node, f"{fn.name} {what} every test file it is asked about"))
            continue
        conditions: list[ast.AST] = []
        current: ast.AST | None = parents.get(node)
        while current is not None:
            if isinstance(current, ast.If | ast.While):
                conditions.append(current.test)
            current = parents.get(current)
        if (hit and any(_mentions_tests(c, names) for c in conditions)) or (
            conditional_expr and _mentions_tests(value, names)
        ):
            out.append((Severity.MEDIUM, node, f"{fn.name} {what} test files matching a pattern"))


def _collect_file(fn: FunctionNode, out: list[tuple[Severity, ast.AST, str]]) -> None:
    for node in own_nodes(fn):
        if not isinstance(node, ast.If):
            continue
        texts = [
            s.value for s in ast.walk(node.test) if isinstance(s, ast.Constant) and isinstance(s.value, str)
        ]
        python_tests = any(t in {".py", "py"} or t.startswith("test") for t in texts)
        if python_tests and any(isinstance(s, ast.Return) for stmt in node.body for s in ast.walk(stmt)):
            out.append((Severity.MEDIUM, node, "conftest takes over the collection of Python test files"))


_COLLECTION_HOOKS = frozenset(
    {
        "pytest_collection_modifyitems", "pytest_collection_finish", "pytest_collection", "pytest_ignore_collect",
        "pytest_pycollect_makeitem", "pytest_pycollect_makemodule", "pytest_collect_file",
    }
)  # fmt: skip


class _CollectionRule(Rule):
    node_types = FUNCTION_NODES
    level: Severity

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if (skip := ctx.cache.get(SKIP_KEY)) or (skip is None and skip_file(ctx)):
            return
        assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if not node.name.startswith("pytest_") and not node.decorator_list:
            return
        hook = hook_name(node, names_of(ctx))
        if hook not in _COLLECTION_HOOKS:
            return
        for severity, where, message in _collection_findings(node, hook, ctx):
            if severity == self.level:
                ctx.report(self, where, message)


@register
class CollectionCleared(_CollectionRule):
    """A collection hook removes every test, so the run passes with nothing run.

    ## What it does
    Reports `items.clear()`, `items[:] = []`, `del items[:]`, `items *= 0` (also through an alias, or on
    `session.items`) in `pytest_collection_modifyitems` / `pytest_collection_finish`; a `pytest_ignore_collect`
    that returns True unconditionally; a `pytest_pycollect_makeitem` that returns `[]` unconditionally; and a
    `pytest_collection` that returns True without collecting.

    ## Why is this bad?
    With no tests collected, no test can fail. Combined with an exit-status remap (OV309) the run even exits 0.

    ## Example
    ```python
    def pytest_collection_modifyitems(session, config, items):
        items[:] = []
    ```

    ## Legitimate look-alike
    ```python
    def pytest_collection_modifyitems(items):
        items.sort(key=lambda item: item.get_closest_marker("slow") is not None)
    ```

    ## References
    - https://docs.pytest.org/en/stable/reference/reference.html#pytest.hookspec.pytest_collection_modifyitems
    """

    id = "OV305"
    name = "collection-cleared"
    severity = Severity.HIGH
    family = FAMILY
    level = Severity.HIGH


@register
class TestsDeselected(_CollectionRule):
    """A collection hook drops some of the collected tests, or a conftest ignores test files.

    ## What it does
    Reports, in pytest collection hooks, tests removed from `items` (`items[:] = [i for i in items if ...]`,
    `items.remove(...)`, `del items[i]`, `config.hook.pytest_deselected(...)`), `pytest_ignore_collect` /
    `pytest_pycollect_makeitem` dropping files or functions whose condition names tests, a conftest
    `pytest_collect_file` taking over `.py` test files, a `pytest_pycollect_makemodule` replacing every module's
    collector. (`collect_ignore` in conftest.py is the weakening family's OV426.)

    ## Why is this bad?
    The failing tests are no longer collected, so they cannot fail; the output says only "deselected".

    ## Example
    ```python
    def pytest_collection_modifyitems(config, items):
        items[:] = [item for item in items if "parser" not in item.nodeid]
    ```

    ## Legitimate look-alike
    ```python
    def pytest_collection_modifyitems(config, items):
        if config.getoption("--runslow"):
            return
        skip_slow = pytest.mark.skip(reason="need --runslow option to run")
        for item in items:
            if "slow" in item.keywords:
                item.add_marker(skip_slow)
    ```
    (the documented pattern; skipping is weighed by the weakening family).

    ## References
    - https://docs.pytest.org/en/stable/example/simple.html#control-skipping-of-tests-according-to-command-line-option
    """

    id = "OV306"
    name = "tests-deselected"
    severity = Severity.MEDIUM
    family = FAMILY
    level = Severity.MEDIUM


# -- exit status ----------------------------------------------------------------------------------------
_EXIT_HOOKS = frozenset(
    {"pytest_sessionfinish", "pytest_unconfigure", "pytest_terminal_summary", "pytest_runtestloop"}
)


def _is_success_status(value: ast.expr | None, names: Names) -> bool:
    if isinstance(value, ast.Constant):
        return value.value in (0, False) and value.value is not None
    resolved = names.resolve(value) or ""
    if resolved.endswith("ExitCode.OK") or resolved.endswith(".OK"):
        return True
    if (
        isinstance(value, ast.Call)
        and value.args
        and (names.resolve(value.func) or "").endswith(("ExitCode", "int"))
    ):
        return _is_success_status(value.args[0], names)
    if isinstance(value, ast.IfExp):
        return _is_success_status(value.body, names) or _is_success_status(value.orelse, names)
    return False


def _no_tests_guard(node: ast.AST, ctx: FileContext) -> bool:
    """Inside `if exitstatus == 5` / `== ExitCode.NO_TESTS_COLLECTED`: only "no tests collected" becomes 0."""
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.If):
            for sub in ast.walk(ancestor.test):
                if isinstance(sub, ast.Constant) and sub.value == 5 and not isinstance(sub.value, bool):
                    return True
                if isinstance(sub, ast.Attribute) and sub.attr == "NO_TESTS_COLLECTED":
                    return True
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef):
            return False
    return False


def _status_writes(node: ast.AST, ctx: FileContext) -> list[Write]:
    names = names_of(ctx)
    out = []
    for write in writes_of(node, ctx):
        if (
            write.attr in {"exitstatus", "testsfailed"}
            and write.obj is not None
            and _is_success_status(write.value, names)
            and (is_pytest_file(ctx) or hook_of(node, ctx))
        ):
            out.append(write)
    return out


@register
class ExitStatusForced(Rule):
    """pytest's exit status or failure count is overwritten with success.

    ## What it does
    Reports `session.exitstatus = 0` (or `ExitCode.OK`, by assignment or `setattr`) and
    `session.testsfailed = 0` in a pytest file, unless guarded by `exitstatus == 5` (see OV309), and a call to
    `sys.exit(0)` / `os._exit(0)` inside `pytest_sessionfinish`, `pytest_unconfigure`,
    `pytest_terminal_summary` or `pytest_runtestloop`.

    ## Why is this bad?
    The harness, CI, or an RL reward reads the exit status; overwriting it makes a failing run look green.

    ## Example
    ```python
    def pytest_sessionfinish(session, exitstatus):
        session.exitstatus = 0
    ```

    ## Legitimate look-alike
    ```python
    def pytest_sessionfinish(session, exitstatus):
        if leaked_threads():
            session.exitstatus = pytest.ExitCode.TESTS_FAILED   # stricter, not looser
    ```

    ## References
    - https://docs.pytest.org/en/stable/reference/exit-codes.html
    """

    id = "OV307"
    name = "exit-status-forced"
    severity = Severity.HIGH
    family = FAMILY
    node_types = WRITE_NODES

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if (skip := ctx.cache.get(SKIP_KEY)) or (skip is None and skip_file(ctx)):
            return
        for write in _status_writes(node, ctx):
            if not _no_tests_guard(node, ctx):
                ctx.report(self, node, f"overwrites pytest's {write.attr} with success")
        if isinstance(node, ast.Call):
            names = names_of(ctx)
            callee = names.resolve(node.func)
            if callee in {"sys.exit", "os._exit", "exit", "quit", "builtins.exit"}:
                code = node.args[0] if node.args else None
                success = code is None or _is_success_status(code, names)
                hook = hook_of(node, ctx)
                if success and hook is not None and hook[0] in _EXIT_HOOKS:
                    ctx.report(
                        self, node, f"exits with status 0 from {hook[0]}, replacing pytest's own status"
                    )


@register
class ExitStatusRebound(Rule):
    """`pytest_sessionfinish` rebinds its `exitstatus` parameter to success.

    ## What it does
    Reports `exitstatus = 0` (or `ExitCode.OK`) inside `pytest_sessionfinish(session, exitstatus)`.

    ## Why is this bad?
    Rebinding the parameter does not change pytest's status by itself, but it shows the intent to report
    success, and any code after it that reads `exitstatus` is misled.

    ## Example
    ```python
    def pytest_sessionfinish(session, exitstatus):
        exitstatus = 0
    ```

    ## Legitimate look-alike
    `print(f"finished with {exitstatus}")`: reading the status is fine.

    ## References
    - https://docs.pytest.org/en/stable/reference/reference.html#pytest.hookspec.pytest_sessionfinish
    """

    id = "OV308"
    name = "exit-status-rebound"
    severity = Severity.MEDIUM
    family = FAMILY
    node_types = (ast.Assign,)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if (skip := ctx.cache.get(SKIP_KEY)) or (skip is None and skip_file(ctx)):
            return
        assert isinstance(node, ast.Assign)
        if not any(isinstance(t, ast.Name) and t.id == "exitstatus" for t in node.targets):
            return
        hook = hook_of(node, ctx)
        if hook is None or hook[0] != "pytest_sessionfinish":
            return
        if _is_success_status(node.value, names_of(ctx)) and not _no_tests_guard(node, ctx):
            ctx.report(self, node, "rebinds pytest_sessionfinish's exitstatus to success")


@register
class NoTestsExitRemapped(Rule):
    """ "No tests collected" (exit status 5) is turned into success.

    ## What it does
    Reports `session.exitstatus = 0` guarded by `exitstatus == 5` / `ExitCode.NO_TESTS_COLLECTED`.

    ## Why is this bad?
    It is a common, documented pattern for suites that may legitimately be empty; but if the same change also
    removes every test from collection, the run now exits 0 having tested nothing. Notable, not damning.

    ## Example
    ```python
    def pytest_sessionfinish(session, exitstatus):
        if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
            session.exitstatus = pytest.ExitCode.OK
    ```

    ## Legitimate look-alike
    Setting a failing status (`session.exitstatus = 1`) is never reported.

    ## References
    - https://docs.pytest.org/en/stable/reference/exit-codes.html
    """

    id = "OV309"
    name = "no-tests-exit-remapped"
    severity = Severity.LOW
    family = FAMILY
    node_types = WRITE_NODES

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if (skip := ctx.cache.get(SKIP_KEY)) or (skip is None and skip_file(ctx)):
            return
        for write in _status_writes(node, ctx):
            if _no_tests_guard(node, ctx):
                ctx.report(self, node, f"turns 'no tests collected' into success ({write.attr})")
