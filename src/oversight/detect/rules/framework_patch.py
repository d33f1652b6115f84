"""Test-framework patching, monkeypatches (OV303, OV310, OV311): pytest internals, unittest results and
assertions, and the assertion machinery replaced at run time.

A write is found however it is spelled (`a.b = v`, `setattr`, `monkeypatch.setattr`, `mock.patch`,
`a.__dict__[...]`) and its target resolved through imports and re-bindings (`import_module`, `getattr`,
`sys.modules[...]`), so `TR = importlib.import_module("_pytest.reports").TestReport; TR.from_item_and_call = f`
is the same fact as the plain assignment.
"""

from __future__ import annotations

import ast
import unittest

from ...types import Severity
from ..context import FileContext
from ..registry import Rule, register
from .framework_common import (
    REPORT_HINTS,
    SKIP_KEY,
    FunctionNode,
    Write,
    classify_target,
    decides_verdict,
    enclosing_functions,
    is_fixture,
    is_test_function,
    names_of,
    skip_file,
    writes_of,
)

FAMILY = "framework"
WRITE_NODES: tuple[type[ast.AST], ...] = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Call)


def _framework_writes(node: ast.AST, ctx: FileContext, kinds: frozenset[str]) -> list[tuple[Write, str]]:
    out = []
    for write in writes_of(node, ctx):
        kind = classify_target(write.target)
        if kind in kinds:
            out.append((write, kind))
    return out


def _scoped_in_test(write: Write, node: ast.AST, ctx: FileContext) -> bool:
    """A monkeypatch / mock.patch confined to one test (or fixture) of a test file."""
    if not write.scoped or not ctx.is_test:
        return False
    functions = enclosing_functions(node, ctx)
    if not functions:
        # `@mock.patch(...)` on a test class: its decorator's parent is the class.
        return any(isinstance(a, ast.ClassDef) and a.name.startswith("Test") for a in ctx.ancestors(node))
    return is_test_function(functions[-1]) or is_fixture(functions[-1], names_of(ctx))


@register
class PytestInternalsPatched(Rule):
    """pytest's own machinery (reports, runner, outcomes, items) is replaced at run time.

    ## What it does
    Reports writes onto `_pytest.*`, `pluggy.*` and public pytest API objects (`pytest.TestReport`,
    `pytest.Function.runtest`, `pytest.fail`, `pytest.skip`, ...): assignment, `setattr`,
    `monkeypatch.setattr`, `mock.patch`, `__dict__` writes, whatever alias the object was imported under. A
    monkeypatch confined to one test is ignored unless it targets reports or the runner.

    ## Why is this bad?
    Replacing `TestReport.from_item_and_call`, `CallInfo.from_call` or `Function.runtest` decides what every
    test reports, independently of the code under test. It is the conftest.py hack of MacDiarmid et al.

    ## Example
    ```python
    import _pytest.reports as reports

    _orig = reports.TestReport.from_item_and_call
    def _always_pass(item, call):
        rep = _orig(item, call)
        rep.outcome = "passed"
        return rep
    reports.TestReport.from_item_and_call = staticmethod(_always_pass)
    ```

    ## Legitimate look-alike
    ```python
    # conftest.py: stashing a shared object on the pytest namespace (an old, ugly but harmless idiom)
    def pytest_configure(config):
        pytest.shared_driver = None
    ```

    ## References
    - ../shared/RESEARCH.md §1
    """

    id = "OV303"
    name = "pytest-internals-patched"
    severity = Severity.HIGH
    family = FAMILY
    node_types = WRITE_NODES
    verdict = True

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if (skip := ctx.cache.get(SKIP_KEY)) or (skip is None and skip_file(ctx)):
            return
        for write, _kind in _framework_writes(node, ctx, frozenset({"pytest"})):
            target = write.target or write.attr
            if decides_verdict(target) != self.verdict:
                continue
            if _scoped_in_test(write, node, ctx) and not any(h in target for h in REPORT_HINTS):
                continue
            ctx.report(self, node, f"replaces pytest internals: {target}")


@register
class PytestMachineryPatched(PytestInternalsPatched):
    """pytest machinery that does not itself decide verdicts (fixtures, config, cache, timing) is replaced.

    ## What it does
    Like OV303, for writes onto pytest / `_pytest` internals that do not decide whether a test passes:
    `_pytest.fixtures.*`, `_pytest.config.*`, `_pytest.cacheprovider.*`, `_pytest.timing.*`, ...

    ## Why is this bad?
    Plugins do this occasionally (Hypothesis wraps `FixtureFunctionMarker.__call__`), but in an ordinary
    project it changes how every test runs from a place few reviewers read: worth a look.

    ## Example
    ```python
    import _pytest.fixtures as fixtures
    fixtures.FixtureFunctionMarker.__call__ = my_call
    ```

    ## Legitimate look-alike
    `monkeypatch.setattr(myapp.config, "DEBUG", True)` (the application, not the framework).

    ## References
    - https://docs.pytest.org/en/stable/reference/reference.html
    """

    id = "OV318"
    name = "pytest-machinery-patched"
    severity = Severity.MEDIUM
    family = FAMILY
    verdict = False


_TESTCASE_MEMBERS = frozenset(
    name
    for name in dir(unittest.TestCase)
    if name.startswith(("assert", "fail")) or name in {"run", "debug", "_callTestMethod", "failureException"}
)
_RESULT_SWALLOWERS = frozenset({"addFailure", "addError", "addUnexpectedSuccess", "addSubTest"})


def _trivial(body: list[ast.stmt]) -> bool:
    """A body that does nothing: pass, docstring, `...`, `return` / `return <constant>`."""
    for stmt in body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue
        if isinstance(stmt, ast.Return) and (stmt.value is None or isinstance(stmt.value, ast.Constant)):
            continue
        return False
    return True


def _trivial_value(value: ast.expr | None) -> bool:
    if isinstance(value, ast.Lambda):
        return not any(isinstance(sub, ast.Call) for sub in ast.walk(value.body))
    if isinstance(value, ast.Call):
        name = value.func.attr if isinstance(value.func, ast.Attribute) else getattr(value.func, "id", "")
        return name in {"Mock", "MagicMock", "NonCallableMock", "create_autospec"}
    return False


def _base_kind(cls: ast.ClassDef, ctx: FileContext) -> str | None:
    names = names_of(ctx)
    for base in cls.bases:
        resolved = names.resolve(base) or ""
        last = resolved.split(".")[-1]
        if last.endswith("TestCase"):
            return "case"
        if last.endswith("TestResult") or last == "TextTestResult":
            return "result"
    return None


@register
class UnittestResultPatched(Rule):
    """unittest's result or assertion machinery is replaced so that failures are not recorded.

    ## What it does
    Reports writes that replace existing members of `unittest` (`TestResult.addFailure`,
    `TextTestResult.addError`, `TestResult.wasSuccessful`, `TestCase.run`, `TestCase.assertEqual`,
    `TestCase.failureException`, `TextTestRunner.resultclass`, ...), `self.assertEqual = lambda *a: None` in a
    test case, and `TestCase` / `TestResult` subclasses whose `assert*`, `fail*` or `run` methods do nothing, or
    whose `addFailure` / `addError` drop the failure (empty body, or record it as a success).

    ## Why is this bad?
    The test still "runs", but its failure is never counted: `wasSuccessful()` is True and the runner exits 0.

    ## Example
    ```python
    import unittest
    unittest.TestResult.addFailure = lambda self, test, err: None
    unittest.TestCase.assertEqual = lambda *args, **kwargs: None
    ```

    ## Legitimate look-alike
    ```python
    class Base(unittest.TestCase):
        def assertJSONEqual(self, a, b):          # a new helper, not a replacement
            self.assertEqual(json.loads(a), json.loads(b))

    class JUnitResult(unittest.TextTestResult):
        def addFailure(self, test, err):
            super().addFailure(test, err)
            self.xml.append(test.id())
    ```

    ## References
    - https://docs.python.org/3/library/unittest.html#unittest.TestResult
    """

    id = "OV310"
    name = "unittest-result-patched"
    severity = Severity.HIGH
    family = FAMILY
    node_types = (*WRITE_NODES, ast.ClassDef)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if (skip := ctx.cache.get(SKIP_KEY)) or (skip is None and skip_file(ctx)):
            return
        if isinstance(node, ast.ClassDef):
            self._subclass(node, ctx)
            return
        for write, _kind in _framework_writes(node, ctx, frozenset({"unittest"})):
            if _scoped_in_test(write, node, ctx):
                continue
            ctx.report(self, node, f"replaces unittest machinery: {write.target}")
        for write in writes_of(node, ctx):
            if (
                isinstance(write.obj, ast.Name)
                and write.obj.id == "self"
                and write.attr in _TESTCASE_MEMBERS
                and write.attr != "failureException"
                and _trivial_value(write.value)
            ):
                cls = ctx.enclosing_class(node)
                if cls is not None and _base_kind(cls, ctx) == "case":
                    ctx.report(self, node, f"turns self.{write.attr} into a no-op")

    def _subclass(self, cls: ast.ClassDef, ctx: FileContext) -> None:
        kind = _base_kind(cls, ctx)
        if kind is None:
            return
        for stmt in cls.body:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                self._method(stmt, kind, ctx)
            elif isinstance(stmt, ast.Assign) and _trivial_value(stmt.value):
                for target in stmt.targets:
                    if isinstance(target, ast.Name) and self._swallowing_name(target.id, kind):
                        ctx.report(self, stmt, f"{cls.name}.{target.id} does nothing")

    @staticmethod
    def _swallowing_name(name: str, kind: str) -> bool:
        if kind == "case":
            return name in _TESTCASE_MEMBERS and name != "failureException"
        return name in _RESULT_SWALLOWERS

    def _method(self, fn: FunctionNode, kind: str, ctx: FileContext) -> None:
        if kind == "case" and fn.name in _TESTCASE_MEMBERS and _trivial(fn.body):
            ctx.report(self, fn, f"{fn.name} is overridden with a method that never fails")
        elif kind == "result":
            if fn.name in _RESULT_SWALLOWERS:
                calls = [
                    sub.func.attr
                    for stmt in fn.body
                    for sub in ast.walk(stmt)
                    if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute)
                ]
                if _trivial(fn.body) or ("addSuccess" in calls and fn.name not in calls):
                    ctx.report(self, fn, f"{fn.name} drops the failure instead of recording it")
            elif fn.name == "wasSuccessful" and any(
                isinstance(s, ast.Return) and isinstance(s.value, ast.Constant) and s.value.value is True
                for s in fn.body
            ):
                ctx.report(self, fn, "wasSuccessful always answers True")


@register
class AssertionMachineryPatched(Rule):
    """The assertion machinery itself is replaced: `builtins.AssertionError`, pytest's assertion rewriting, or
    a framework module in `sys.modules`.

    ## What it does
    Reports writes onto `builtins.AssertionError` (also through `__builtins__`), onto `_pytest.assertion.*`,
    and `sys.modules[...]` entries for `pytest`, `_pytest.*`, `pluggy` or `unittest`.

    ## Why is this bad?
    Replacing the exception that failed asserts raise, or the module the test runner imports, lets every test
    pass regardless of the code.

    ## Example
    ```python
    import builtins
    class _Quiet(Exception):
        pass
    builtins.AssertionError = _Quiet
    ```

    ## Legitimate look-alike
    `pytest.register_assert_rewrite("mypkg.testing")` (asks pytest to rewrite more modules, not fewer).

    ## References
    - https://docs.pytest.org/en/stable/how-to/assert.html#assertion-introspection-details
    """

    id = "OV311"
    name = "assertion-machinery-patched"
    severity = Severity.HIGH
    family = FAMILY
    node_types = WRITE_NODES

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if (skip := ctx.cache.get(SKIP_KEY)) or (skip is None and skip_file(ctx)):
            return
        for write, kind in _framework_writes(node, ctx, frozenset({"assertion", "module"})):
            if _scoped_in_test(write, node, ctx):
                continue
            what = (
                "replaces a test-framework module" if kind == "module" else "replaces the assertion machinery"
            )
            ctx.report(self, node, f"{what}: {write.target}")
