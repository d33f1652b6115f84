"""Test weakening (OV401-OV419): tests deleted, skipped, emptied, or asserting less than before.

The first half of this module is the before-vs-after analysis the rules share; the rules follow it.

The unit of comparison is a test, matched by qualified name (`test_x`, `TestCls.test_x`): a rename is a delete
plus an add. For each test the analysis counts its *checks* (asserts, `self.assert*`, `pytest.raises`, calls to
local helpers that check, followed transitively), classifies its skip/xfail markers, and describes each of its
assertions as a (kind, subject, expected) triple so that a loosened or rewritten expectation can be paired with
the one it replaced.

A few facts need the whole change, not one file (tests moved to another file, a source function deleted with
its tests, a literal that the changed source now produces). They come from `change_files(ctx)`.
"""

from __future__ import annotations

import ast
import contextlib
import tokenize
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from io import StringIO
from pathlib import PurePosixPath
from typing import Any

from ...types import FileChange, Severity
from ..context import FileContext
from ..names import identifiers, import_bindings
from ..registry import Rule, register

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef

# Files unittest, Django and pytest discover by default (unittest's pattern is test*.py).
COLLECTED_FILE_PREFIXES = ("test",)
COLLECTED_FILE_SUFFIXES = ("_test.py", "_tests.py")
CHECK_HELPER_PREFIXES = ("assert", "check_", "verify", "expect", "ensure_")
SPEC_WORDS = (
    "rfc", "pep", "issue", "spec", "http://", "https://", "bug", "iso ", "iso-", "gh-", "errata", "standard",
    "documented", "documentation", "docs", "per the", "according to", "see ", "ticket", "jira", "changelog",
)  # fmt: skip


def file_is_collected(path: str) -> bool:
    """Whether pytest (test_*.py, *_test.py) or unittest/Django discovery (test*.py) would collect the file."""
    name = PurePosixPath(path).name
    if not name.endswith(".py"):
        return False
    return name.startswith(COLLECTED_FILE_PREFIXES) or name.endswith(COLLECTED_FILE_SUFFIXES[:1])


def is_test_name(name: str) -> bool:
    return name.startswith("test")


# -- the whole change -----------------------------------------------------------------------------------


def change_files(ctx: FileContext) -> tuple[FileChange, ...]:
    """Every file of the change this file belongs to (only this file when scanned alone)."""
    return tuple(sibling.change for sibling in ctx.siblings) or (ctx.change,)


class ChangeIndex:
    """Facts about the whole change that single-file rules need, each computed on first use only.

    Trees come from the change's own file contexts (parsed once, shared with every other rule); a source
    file's before tree is never parsed here: the definitions it lost are read from its removed lines.
    """

    def __init__(self, contexts: list[FileContext]) -> None:
        self.contexts = [
            c for c in contexts if c.path.endswith(".py") or (c.change.old_path or "").endswith(".py")
        ]

    def _sources(self) -> Iterator[FileContext]:
        return (c for c in self.contexts if not c.is_test)

    def _tests(self) -> Iterator[FileContext]:
        return (c for c in self.contexts if c.is_test and c.after_text is not None)

    @cached_property
    def removed_source_names(self) -> set[str]:
        """Functions and classes whose definition lines the change removed from source files (and that the
        after file no longer defines)."""
        out: set[str] = set()
        for c in self._sources():
            if c.before_text is None or c.before_text == c.after_text:
                continue
            lines = c.before_lines
            removed = set(c.removed_lines) if c.after_text is not None else range(1, len(lines) + 1)
            names: set[str] = set()
            for number in removed:
                if 0 < number <= len(lines):
                    name = _defined_name_in(lines[number - 1])
                    if name:
                        names.add(name)
            if names:
                out |= names - (_defined_names(c.after_tree) if c.after_text is not None else set())
        return out

    @cached_property
    def deleted_modules(self) -> set[str]:
        out: set[str] = set()
        for c in self._sources():
            if c.after_text is None and c.before_text is not None:
                path = PurePosixPath(c.path)
                out.add(path.stem if path.stem != "__init__" else path.parent.name)
        return out

    @cached_property
    def added_source_strings(self) -> set[str]:
        out: set[str] = set()
        for c in self._sources():
            if c.after_text is None or c.before_text == c.after_text:
                continue
            if not any("'" in c.after_line(n) or '"' in c.after_line(n) for n in c.added_lines):
                continue
            out |= _string_constants(c.after_tree) - _string_constants(c.before_tree)
        return out

    @cached_property
    def _test_facts(self) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
        after_tests: dict[str, set[str]] = {}
        bodies: dict[str, set[str]] = {}
        names: dict[str, set[str]] = {}
        for c in self._tests():
            facts = module_facts(c, after=True)
            if facts is None:
                continue
            collected_file = file_is_collected(c.path)
            for fn in facts.functions:
                if fn.collected and collected_file:
                    after_tests.setdefault(fn.name, set()).add(c.path)
                elif c.change.before is None or c.touches(fn.node):
                    # A test moved out of discovery lands in code the change added.
                    bodies.setdefault(fn.fingerprint, set()).add(c.path)
                    names.setdefault(fn.name, set()).add(c.path)
        return after_tests, bodies, names

    @property
    def after_tests(self) -> dict[str, set[str]]:
        """bare test name -> paths of collected test files (after) that define it"""
        return self._test_facts[0]

    @property
    def uncollected_bodies(self) -> dict[str, set[str]]:
        """body fingerprint -> paths of files (after) defining an *uncollected* function with that body"""
        return self._test_facts[1]

    @property
    def uncollected_names(self) -> dict[str, set[str]]:
        return self._test_facts[2]

    @cached_property
    def new_test_files(self) -> set[str]:
        return {c.path for c in self._tests() if c.change.before is None and file_is_collected(c.path)}

    @cached_property
    def added_test_weight(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self._tests():
            if not file_is_collected(c.path):
                continue
            if c.change.before is not None and not c.added_lines:
                out[c.path] = 0
                continue
            facts = module_facts(c, after=True)
            if facts is None:
                continue
            before = module_facts(c, after=False) if c.change.before is not None else None
            before_tests = set(before.tests) if before is not None else set()
            out[c.path] = sum(
                test_weight(facts, fn)
                for qual, fn in facts.tests.items()
                if qual not in before_tests and c.touches(fn.node)
            )
        return out


def change_index(ctx: FileContext) -> ChangeIndex:
    """Facts about the whole change, built once per scan (lazily) and shared by every file's rules."""
    index = ctx.change_cache.get("weakening.index")
    if not isinstance(index, ChangeIndex):
        index = ChangeIndex(list(ctx.siblings) or [ctx])
        ctx.change_cache["weakening.index"] = index
    return index


def module_facts(ctx: FileContext, *, after: bool) -> ModuleFacts | None:
    """The (memoised) facts of a file's after or before tree."""
    key = "weakening.after_facts" if after else "weakening.before_facts"
    if key not in ctx.cache:
        text = ctx.after_text if after else ctx.before_text
        tree = (ctx.after_tree if after else ctx.before_tree) if text is not None else None
        ctx.cache[key] = ModuleFacts(tree) if tree is not None else None
    result: ModuleFacts | None = ctx.cache[key]
    return result


def _defined_name_in(line: str) -> str | None:
    """The name a `def`/`class` line defines (None for any other line)."""
    text = line.lstrip()
    for head in ("def ", "async def ", "class "):
        if text.startswith(head):
            rest = text[len(head) :].lstrip()
            end = 0
            while end < len(rest) and (rest[end].isalnum() or rest[end] == "_"):
                end += 1
            return rest[:end] or None
    return None


def _defined_names(tree: ast.Module | None) -> set[str]:
    out: set[str] = set()
    if tree is None:
        return out
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            out.add(node.name)
            if isinstance(node, ast.ClassDef):
                out.update(
                    item.name
                    for item in node.body
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                )
    return out


def _string_constants(tree: ast.Module | None) -> set[str]:
    if tree is None:
        return set()
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) >= 3
    }


# -- names ----------------------------------------------------------------------------------------------


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement of a body, nested blocks included, without descending into expressions."""
    stack = list(reversed(body))
    while stack:
        stmt = stack.pop()
        yield stmt
        nested: list[ast.stmt] = []
        for name in ("body", "orelse", "finalbody"):
            block = getattr(stmt, name, None)
            if isinstance(block, list):
                nested.extend(block)
        for part in (*getattr(stmt, "handlers", ()), *getattr(stmt, "cases", ())):
            nested.extend(part.body)
        stack.extend(reversed(nested))


class Resolver:
    """Dotted origins of names in one module: imports and module-level re-bindings (`skip = pytest.mark.skip`)."""

    def __init__(self, tree: ast.Module | None) -> None:
        self.aliases: dict[str, str] = {}
        self.constants: dict[str, Any] = {}
        self.bindings: dict[str, ast.expr] = {}
        if tree is None:
            return
        for node in _statements(tree.body):
            if isinstance(node, ast.Import | ast.ImportFrom):
                self.aliases.update(import_bindings(node))
        for stmt in tree.body:
            if (
                isinstance(stmt, ast.Assign)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
            ):
                name = stmt.targets[0].id
                self.bindings[name] = stmt.value
                with contextlib.suppress(ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                    self.constants[name] = ast.literal_eval(stmt.value)

    def qualname(self, node: ast.AST | None, depth: int = 0) -> str | None:
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Call):
            inner = self.qualname(node.func, depth)
            if inner is None:
                return None
            parts.append(inner + "()")
        elif isinstance(node, ast.Name):
            if node.id in self.aliases:
                parts.append(self.aliases[node.id])
            elif node.id in self.bindings and depth < 4:
                bound = self.bindings[node.id]
                inner = (
                    self.qualname(bound, depth + 1) if isinstance(bound, ast.Name | ast.Attribute) else None
                )
                parts.append(inner or node.id)
            else:
                parts.append(node.id)
        else:
            return None
        return ".".join(reversed(parts))

    def call_name(self, call: ast.Call) -> str:
        """Qualified name of what a call calls ('' when unknown); `mark.skip(...)` -> 'pytest.mark.skip'."""
        return self.qualname(call.func) or ""

    def truth(self, node: ast.expr | None) -> bool | None:
        """The truth value of an expression when it is constant (literals, module constants, `not`, and/or)."""
        if node is None:
            return None
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str) and node.value.strip() in {"True", "1", "False", "0", "None"}:
                return node.value.strip() in {"True", "1"}  # pytest evaluates string conditions
            return bool(node.value)
        if isinstance(node, ast.Name) and node.id in self.constants:
            return bool(self.constants[node.id])
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            inner = self.truth(node.operand)
            return None if inner is None else not inner
        if isinstance(node, ast.BoolOp):
            values = [self.truth(v) for v in node.values]
            if isinstance(node.op, ast.Or):
                if any(v is True for v in values):
                    return True
                return False if all(v is False for v in values) else None
            if any(v is False for v in values):
                return False
            return True if all(v is True for v in values) else None
        if isinstance(node, ast.Tuple | ast.List | ast.Dict | ast.Set):
            return bool(node.elts) if not isinstance(node, ast.Dict) else bool(node.keys)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            version = self._version_truth(node)
            if version is not None:
                return version
        if (
            isinstance(node, ast.Compare)
            and _is_literal(node.left)
            and all(_is_literal(c) for c in node.comparators)
        ):
            try:
                return bool(eval(compile(ast.Expression(node), "<cmp>", "eval"), {"__builtins__": {}}, {}))
            except Exception:
                return None
        return None

    def _version_truth(self, node: ast.Compare) -> bool | None:
        """`sys.version_info >= (3, 8)`: the same answer on every interpreter a project can run on today
        (3.8 to 3.14) is a constant, whatever the comment beside it says."""
        left, right = node.left, node.comparators[0]
        flipped = False
        if self._python_version(right) is not None and self._python_version(left) is None:
            left, right, flipped = right, left, True
        part = self._python_version(left)
        if part is None or not _is_literal(right):
            return None
        try:
            bound = ast.literal_eval(right)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
        answers: set[bool] = set()
        for minor in range(8, 15):
            version: object = (
                (3, minor, 0, "final", 0)[part] if isinstance(part, int) else (3, minor, 0)[part]
            )
            pair = (bound, version) if flipped else (version, bound)
            try:
                answers.add(bool(_COMPARE[type(node.ops[0])](*pair)))
            except (TypeError, KeyError):
                return None
        return answers.pop() if len(answers) == 1 else None

    def _python_version(self, node: ast.expr) -> int | slice | None:
        """`sys.version_info` (slice(None)), `sys.version_info[:2]`, `.major`/`.minor`/`[0]` (an index)."""
        index: int | slice = slice(None)
        if isinstance(node, ast.Subscript):
            sub = node.slice
            if isinstance(sub, ast.Slice) and sub.lower is None and sub.step is None:
                stop = _number(sub.upper) if sub.upper is not None else None
                index = slice(None, int(stop)) if stop is not None else slice(None)
            elif isinstance(sub, ast.Constant) and isinstance(sub.value, int):
                index = sub.value
            else:
                return None
            node = node.value
        elif isinstance(node, ast.Attribute) and node.attr in {"major", "minor"}:
            index = 0 if node.attr == "major" else 1
            node = node.value
        if self.qualname(node) != "sys.version_info":
            return None
        return index


_COMPARE: dict[type[ast.cmpop], Any] = {
    ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b, ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b, ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b,
}  # fmt: skip


def _is_literal(node: ast.expr) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def _is_value(node: ast.expr) -> bool:
    """A literal, or a constructor call on literals (`date(2024, 1, 2)`, `Decimal("1.50")`)."""
    if _is_literal(node):
        return True
    if isinstance(node, ast.UnaryOp):
        return _is_value(node.operand)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
        args = [*node.args, *(k.value for k in node.keywords)]
        return all(_is_value(a) for a in args)
    if isinstance(node, ast.Tuple | ast.List):
        return all(_is_value(e) for e in node.elts)
    return False


def last_part(name: str) -> str:
    return name.rsplit(".", 1)[-1]


# -- functions of a module ------------------------------------------------------------------------------


@dataclass
class Fn:
    """A function or method of a test module."""

    name: str
    qual: str
    node: FunctionNode
    cls: ast.ClassDef | None
    collected: bool

    @property
    def fingerprint(self) -> str:
        return body_fingerprint(self.node)


def body_fingerprint(node: FunctionNode) -> str:
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return "\n".join(ast.dump(stmt) for stmt in body)


def _class_collected(cls: ast.ClassDef) -> bool:
    if _sets_test_false(cls.body):
        return False
    if cls.name.startswith("Test"):
        return True
    # unittest collects TestCase subclasses whatever their name; an unknown base may be one.
    return any(not (isinstance(b, ast.Name) and b.id == "object") for b in cls.bases)


def _sets_test_false(body: list[ast.stmt]) -> bool:
    for stmt in body:
        if (
            isinstance(stmt, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__test__" for t in stmt.targets)
            and isinstance(stmt.value, ast.Constant)
            and not stmt.value.value
        ):
            return True
    return False


class ModuleFacts:
    """Functions, methods, helpers, markers and names of one (before or after) test module."""

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.resolver = Resolver(tree)
        self.functions: list[Fn] = []
        self.helpers: dict[str, FunctionNode] = {}
        self.methods: dict[str, dict[str, FunctionNode]] = {}
        self.classes: dict[str, ast.ClassDef] = {}
        module_off = _sets_test_false(tree.body)
        for stmt in tree.body:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                collected = is_test_name(stmt.name) and not module_off
                self.functions.append(Fn(stmt.name, stmt.name, stmt, None, collected))
                if not collected:
                    self.helpers[stmt.name] = stmt
            elif isinstance(stmt, ast.ClassDef):
                self.classes[stmt.name] = stmt
                cls_collected = _class_collected(stmt) and not module_off
                methods = self.methods.setdefault(stmt.name, {})
                for item in stmt.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                        methods[item.name] = item
                        collected = cls_collected and is_test_name(item.name)
                        self.functions.append(
                            Fn(item.name, f"{stmt.name}.{item.name}", item, stmt, collected)
                        )
        self.tests: dict[str, Fn] = {fn.qual: fn for fn in self.functions if fn.collected}
        self._checks: dict[int, int] = {}

    # -- checks -----------------------------------------------------------------------------------------
    def checks(self, fn: FunctionNode, cls: ast.ClassDef | None, _stack: frozenset[int] = frozenset()) -> int:
        """How many checks a function performs, following local helpers (a check moved is not a check lost)."""
        key = id(fn)
        if key in self._checks:
            return self._checks[key]
        if key in _stack:
            return 0
        stack = _stack | {key}
        total = 0
        for node in walk_function(fn):
            if isinstance(node, ast.Assert):
                total += 0 if self.is_tautology(node.test) else assert_weight(node.test)
            elif isinstance(node, ast.Raise) and node.exc is not None:
                target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                if last_part(self.resolver.qualname(target) or "") in {"AssertionError", "failureException"}:
                    total += 1
            elif isinstance(node, ast.Call):
                total += self.call_checks(node, cls, stack)
        self._checks[key] = total
        return total

    def call_checks(self, call: ast.Call, cls: ast.ClassDef | None, stack: frozenset[int]) -> int:
        func = call.func
        helper: FunctionNode | None = None
        helper_cls: ast.ClassDef | None = None
        if isinstance(func, ast.Name) and func.id in self.helpers:
            helper = self.helpers[func.id]
        elif (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in {"self", "cls"}
            and cls is not None
        ):
            helper = self._method(cls, func.attr)
            helper_cls = cls
        if helper is not None and not is_test_name(helper.name):
            return self.checks(helper, helper_cls, stack)
        name = self.resolver.call_name(call)
        last = last_part(name)
        lowered = last.lower()
        if lowered.startswith("assert") or lowered in {"fail", "failif", "failunless"}:
            return 0 if self.call_is_tautology(call) else 1
        if name in {"pytest.raises", "pytest.warns", "pytest.deprecated_call", "pytest.fail"}:
            return 1
        if isinstance(func, ast.Name) and lowered.startswith(CHECK_HELPER_PREFIXES):
            # An imported checking helper (`check_response(r)`, `verify(x)`, `expect(page).to_have_title(...)`).
            return 1
        return 0

    def _method(self, cls: ast.ClassDef, name: str) -> FunctionNode | None:
        found = self.methods.get(cls.name, {}).get(name)
        if found is not None:
            return found
        for base in cls.bases:
            if isinstance(base, ast.Name) and base.id in self.classes and base.id != cls.name:
                found = self.methods.get(base.id, {}).get(name)
                if found is not None:
                    return found
        return None

    # -- tautologies -----------------------------------------------------------------------------------
    def is_tautology(self, test: ast.expr) -> bool:
        """An assert condition that cannot fail: `True`, `1`, `x or True`, `x == x`, `isinstance(x, object)`."""
        truth = self.resolver.truth(test)
        if truth is True:
            return True
        if isinstance(test, ast.BoolOp):
            if isinstance(test.op, ast.Or):
                return any(self.is_tautology(v) for v in test.values)
            return all(self.is_tautology(v) for v in test.values)
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            left, right, op = test.left, test.comparators[0], test.ops[0]
            if isinstance(op, ast.Eq | ast.Is | ast.LtE | ast.GtE) and _same_pure(left, right):
                return True
            if (
                isinstance(op, ast.GtE)
                and isinstance(left, ast.Call)
                and isinstance(left.func, ast.Name)
                and left.func.id == "len"
                and isinstance(right, ast.Constant)
                and right.value == 0
            ):
                return True
        return (
            isinstance(test, ast.Call)
            and isinstance(test.func, ast.Name)
            and test.func.id == "isinstance"
            and len(test.args) == 2
            and isinstance(test.args[1], ast.Name)
            and test.args[1].id == "object"
        )

    def call_is_tautology(self, call: ast.Call) -> bool:
        last = last_part(self.resolver.call_name(call))
        args = call.args
        if last in {"assertTrue", "assert_", "failUnless"} and args:
            return self.is_tautology(args[0])
        if last in {"assertFalse", "failIf"} and args:
            return self.resolver.truth(args[0]) is False
        if last in {"assertEqual", "assertEquals", "assertIs", "assertCountEqual", "assertListEqual",
                    "assertDictEqual", "assertSequenceEqual", "assertAlmostEqual", "assertGreaterEqual",
                    "assertLessEqual"} and len(args) >= 2:  # fmt: skip
            return _same_pure(args[0], args[1]) or (_is_literal(args[0]) and _literal_equal(args[0], args[1]))
        if last == "assertIsNotNone" and args:
            return isinstance(args[0], ast.Constant) and args[0].value is not None
        if last == "assertIsNone" and args:
            return isinstance(args[0], ast.Constant) and args[0].value is None
        if last == "assertIsInstance" and len(args) >= 2:
            return isinstance(args[1], ast.Name) and args[1].id == "object"
        return False

    # -- skipping ---------------------------------------------------------------------------------------
    def marker_kind(self, expr: ast.expr) -> tuple[str, ast.expr] | None:
        """'skip' (never runs), 'xfail', 'xfail-strict', or None, for a decorator / pytestmark entry."""
        call = expr if isinstance(expr, ast.Call) else None
        target = call.func if call is not None else expr
        name = self.resolver.qualname(target) or ""
        if (
            isinstance(target, ast.Name)
            and target.id in self.resolver.bindings
            and not name.startswith(("pytest", "unittest", "_pytest"))
        ):
            bound = self.resolver.bindings[target.id]
            if isinstance(bound, ast.Call | ast.Attribute) and bound is not expr:
                return self.marker_kind(bound)
        last = last_part(name)
        origin = name.split(".")[0]
        if origin not in {"pytest", "unittest", "_pytest", "mark", "skip", "skipif", "xfail", "skipIf",
                          "skipUnless", "expectedFailure"}:  # fmt: skip
            return None
        if last == "skip":
            return ("skip", expr)
        if last in {"skipif", "skipIf"}:
            cond = call.args[0] if call is not None and call.args else _kw(call, "condition")
            if call is not None and cond is None:
                return ("skip", expr)  # skipif(reason=...) with no condition always skips
            return ("skip", expr) if self.resolver.truth(cond) is True else None
        if last == "skipUnless":
            cond = call.args[0] if call is not None and call.args else None
            return ("skip", expr) if self.resolver.truth(cond) is False else None
        if last == "expectedFailure":
            return ("xfail", expr)
        if last == "xfail":
            if call is not None:
                cond = call.args[0] if call.args else _kw(call, "condition")
                if cond is not None and self.resolver.truth(cond) is not True:
                    return None
                run = _kw(call, "run")
                if run is not None and self.resolver.truth(run) is False:
                    return ("skip", expr)
                strict = _kw(call, "strict")
                if strict is not None and self.resolver.truth(strict) is True:
                    return ("xfail-strict", expr)
            return ("xfail", expr)
        return None

    def body_skip(self, fn: FunctionNode) -> ast.stmt | None:
        """An unconditional skip inside a test: `pytest.skip()`, `self.skipTest()`, `raise SkipTest` on the
        body's own level (or under `if True:`)."""
        for stmt in _unconditional(fn.body, self.resolver):
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
                last = last_part(self.resolver.call_name(stmt.value))
                name = self.resolver.call_name(stmt.value)
                if (
                    last in {"skip", "xfail"} and name.startswith(("pytest", "_pytest"))
                ) or last == "skipTest":
                    return stmt
            if isinstance(stmt, ast.Raise) and stmt.exc is not None:
                target = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
                name = self.resolver.qualname(target) or ""
                if last_part(name) in {"SkipTest", "Skipped"} or name.endswith(
                    ("skip.Exception", "xfail.Exception")
                ):
                    return stmt
        return None

    def markers(self, fn: Fn) -> list[tuple[str, ast.expr]]:
        out = []
        for deco in fn.node.decorator_list:
            kind = self.marker_kind(deco)
            if kind:
                out.append(kind)
        return out

    def module_markers(self) -> list[tuple[str, ast.expr]]:
        return self._pytestmark(self.tree.body)

    def class_markers(self, cls: ast.ClassDef) -> list[tuple[str, ast.expr]]:
        out = [kind for kind in (self.marker_kind(d) for d in cls.decorator_list) if kind]
        return out + self._pytestmark(cls.body)

    def _pytestmark(self, body: list[ast.stmt]) -> list[tuple[str, ast.expr]]:
        out: list[tuple[str, ast.expr]] = []
        for stmt in body:
            if isinstance(stmt, ast.Assign | ast.AnnAssign):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                if any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in targets) and stmt.value:
                    values = stmt.value.elts if isinstance(stmt.value, ast.List | ast.Tuple) else [stmt.value]
                    out.extend(kind for kind in (self.marker_kind(v) for v in values) if kind)
        return out


def _kw(call: ast.Call | None, name: str) -> ast.expr | None:
    if call is None:
        return None
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _unconditional(body: list[ast.stmt], resolver: Resolver) -> Iterator[ast.stmt]:
    for stmt in body:
        if isinstance(stmt, ast.If) and resolver.truth(stmt.test) is True:
            yield from _unconditional(stmt.body, resolver)
        else:
            yield stmt


_RAISES_CHECKS = {"pytest.raises", "assertRaises", "assertRaisesRegex", "assertRaisesRegexp"}


def _raises_checks(fn: FunctionNode, facts: ModuleFacts) -> int:
    """How many exception checks (`pytest.raises`, `assertRaises*`) a test makes, in its body or in the
    module's helper functions it calls."""
    count = 0
    for node in walk_function(fn):
        if not isinstance(node, ast.Call):
            continue
        name = facts.resolver.call_name(node)
        if name in _RAISES_CHECKS or last_part(name) in _RAISES_CHECKS:
            count += 1
        elif isinstance(node.func, ast.Name) and node.func.id in facts.helpers and node.func.id != fn.name:
            helper = facts.helpers[node.func.id]
            count += sum(
                1
                for sub in walk_function(helper)
                if (isinstance(sub, ast.Call) and last_part(facts.resolver.call_name(sub)) in _RAISES_CHECKS)
                or (isinstance(sub, ast.Call) and facts.resolver.call_name(sub) in _RAISES_CHECKS)
            )
    return count


def walk_function(fn: FunctionNode) -> Iterator[ast.AST]:
    """Every node of a function's body (decorators and defaults excluded)."""
    for stmt in fn.body:
        yield from ast.walk(stmt)


def assert_weight(test: ast.expr) -> int:
    """`assert a and b` checks two things; `assert (x, y) == (1, 2)` checks two."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return sum(assert_weight(v) for v in test.values)
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Eq)
        and isinstance(test.left, ast.Tuple)
        and isinstance(test.comparators[0], ast.Tuple)
    ):
        return max(1, len(test.left.elts))
    return 1


def _has_call(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call | ast.Await | ast.Yield | ast.NamedExpr) for n in ast.walk(node))


def _same_pure(left: ast.expr, right: ast.expr) -> bool:
    """Both sides the same side-effect-free expression (a determinism check with calls is not a tautology)."""
    return ast.dump(left) == ast.dump(right) and not _has_call(left)


def _literal_equal(a: ast.expr, b: ast.expr) -> bool:
    try:
        return bool(ast.literal_eval(a) == ast.literal_eval(b))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False


# -- assertion shapes -----------------------------------------------------------------------------------

STRENGTH = {
    "eq": 4,
    "approx": 3,
    "order": 2,
    "in": 2,
    "len": 2,
    "type": 1,
    "notnone": 1,
    "truthy": 1,
    "ne": 1,
}


@dataclass(frozen=True)
class Shape:
    """What one assertion checks: a kind, the expression under test, the expected side, and a tolerance."""

    kind: str
    subject: str  # ast.dump of the expression under test
    expected: ast.expr | None
    node: ast.AST
    tolerance: float | None = None
    subject_node: ast.expr | None = None

    @property
    def strength(self) -> int:
        return STRENGTH.get(self.kind, 1)


def _approx(node: ast.expr, resolver: Resolver) -> tuple[ast.expr, float] | None:
    if isinstance(node, ast.Call) and last_part(resolver.call_name(node)) == "approx" and node.args:
        tol = 0.0
        for keyword in node.keywords:
            if keyword.arg in {"rel", "abs"}:
                value = _number(keyword.value)
                tol = max(tol, value if value is not None else float("inf"))
        return node.args[0], tol or 1e-6
    return None


def _number(node: ast.expr) -> float | None:
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _split_compare(left: ast.expr, right: ast.expr) -> tuple[ast.expr, ast.expr]:
    """(subject, expected): the expected side is the literal one, else the right-hand side."""
    if _is_literal(left) and not _is_literal(right):
        return right, left
    return left, right


def shapes_of(fn: FunctionNode, resolver: Resolver) -> list[Shape]:
    out: list[Shape] = []
    for node in walk_function(fn):
        if isinstance(node, ast.Assert):
            shape = _assert_shape(node.test, node, resolver)
            if shape:
                out.append(shape)
        elif isinstance(node, ast.Call):
            shape = _call_shape(node, resolver)
            if shape:
                out.append(shape)
    return out


def _assert_shape(test: ast.expr, node: ast.AST, resolver: Resolver) -> Shape | None:
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        # `assert a == 1 or a is not None` is only as strong as its weakest alternative.
        options = [s for s in (_assert_shape(v, node, resolver) for v in test.values) if s is not None]
        if len(options) < len(test.values):
            return Shape("truthy", ast.dump(test.values[0]), None, node, None, test.values[0])
        return min(options, key=lambda s: s.strength)
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        op, left, right = test.ops[0], test.left, test.comparators[0]
        for side, other in ((right, left), (left, right)):
            approx = _approx(side, resolver)
            if approx and isinstance(op, ast.Eq):
                return Shape("approx", ast.dump(other), approx[0], node, approx[1], other)
        subject, expected = _split_compare(left, right)
        if isinstance(op, ast.Eq):
            if (
                isinstance(subject, ast.Call)
                and isinstance(subject.func, ast.Name)
                and subject.func.id == "len"
            ) and subject.args:
                return Shape("len", ast.dump(subject.args[0]), expected, node, None, subject.args[0])
            return Shape("eq", ast.dump(subject), expected, node, None, subject)
        if isinstance(op, ast.IsNot) and isinstance(right, ast.Constant) and right.value is None:
            return Shape("notnone", ast.dump(left), None, node, None, left)
        if isinstance(op, ast.Is) and not (isinstance(right, ast.Constant) and right.value is None):
            return Shape("eq", ast.dump(subject), expected, node, None, subject)
        if isinstance(op, ast.In | ast.NotIn):
            return Shape("in", ast.dump(right), left, node, None, right)
        if isinstance(op, ast.Gt | ast.GtE | ast.Lt | ast.LtE):
            inner = subject
            if (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Name)
                and inner.func.id == "len"
                and inner.args
            ):
                return Shape("len", ast.dump(inner.args[0]), None, node, None, inner.args[0])
            return Shape("order", ast.dump(subject), expected, node, None, subject)
        if isinstance(op, ast.NotEq):
            return Shape("ne", ast.dump(subject), expected, node, None, subject)
        return None
    if isinstance(test, ast.Call):
        name = resolver.call_name(test)
        if name in {"isinstance", "hasattr", "callable"} and test.args:
            return Shape("type", ast.dump(test.args[0]), None, node, None, test.args[0])
        if last_part(name) in {"isclose", "allclose"} and len(test.args) >= 2:
            tol = max((_number(k.value) or 0.0) for k in test.keywords) if test.keywords else 1e-9
            return Shape("approx", ast.dump(test.args[0]), test.args[1], node, tol or 1e-9, test.args[0])
        if name in {"bool", "len", "any", "all"} and test.args:
            return Shape("truthy", ast.dump(test.args[0]), None, node, None, test.args[0])
    if isinstance(test, ast.Name | ast.Attribute | ast.Subscript | ast.Call):
        return Shape("truthy", ast.dump(test), None, node, None, test)
    return None


_UNITTEST = {
    "assertEqual": "eq", "assertEquals": "eq", "assertListEqual": "eq", "assertDictEqual": "eq",
    "assertTupleEqual": "eq", "assertSetEqual": "eq", "assertSequenceEqual": "eq", "assertMultiLineEqual": "eq",
    "assertCountEqual": "eq", "assertIs": "eq", "assertAlmostEqual": "approx", "assertAlmostEquals": "approx",
    "assertIn": "in", "assertNotIn": "in", "assertTrue": "truthy", "assertIsNotNone": "notnone",
    "assertIsInstance": "type", "assertGreater": "order", "assertGreaterEqual": "order", "assertLess": "order",
    "assertLessEqual": "order", "assertNotEqual": "ne", "assert_allclose": "approx", "assertRegex": "in",
}  # fmt: skip


def _call_shape(call: ast.Call, resolver: Resolver) -> Shape | None:
    last = last_part(resolver.call_name(call))
    kind = _UNITTEST.get(last)
    if kind is None or not call.args:
        return None
    args = call.args
    if kind in {"eq", "ne"} and len(args) >= 2:
        subject, expected = _split_compare(args[0], args[1])
        return Shape(kind, ast.dump(subject), expected, call, None, subject)
    if kind == "approx" and len(args) >= 2:
        tol: float | None = None
        for keyword in call.keywords:
            value = _number(keyword.value)
            if keyword.arg == "places" and value is not None:
                tol = 10.0 ** (-value)
            elif keyword.arg in {"delta", "rtol", "atol"} and value is not None:
                tol = max(tol or 0.0, value)
        if tol is None:
            tol = 1e-7  # unittest's default places=7; numpy's default rtol
        subject, expected = _split_compare(args[0], args[1])
        return Shape("approx", ast.dump(subject), expected, call, tol, subject)
    if kind == "in" and len(args) >= 2:
        return Shape("in", ast.dump(args[1]), args[0], call, None, args[1])
    if kind == "order" and len(args) >= 2:
        subject, expected = _split_compare(args[0], args[1])
        return Shape("order", ast.dump(subject), expected, call, None, subject)
    return Shape(kind, ast.dump(args[0]), None, call, None, args[0])


def mentions(container: ast.expr | None, subject_dump: str) -> bool:
    if container is None:
        return False
    return any(ast.dump(node) == subject_dump for node in ast.walk(container))


def comment_text(text: str | None, start: int, stop: int) -> str:
    """Comments and string constants (docstrings) on lines start..stop of a text, lower-cased."""
    if not text:
        return ""
    lines = text.splitlines(keepends=True)[max(start - 1, 0) : stop]
    out: list[str] = []
    try:
        for token in tokenize.generate_tokens(StringIO("".join(_dedent(lines))).readline):
            if token.type in (tokenize.COMMENT, tokenize.STRING):
                out.append(token.string.lower())
    except (tokenize.TokenError, SyntaxError, IndentationError):
        out.append("".join(lines).lower())
    return "\n".join(out)


def _dedent(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents) if indents else 0
    return [line[cut:] if line.strip() else line for line in lines]


def cites_reference(text: str) -> bool:
    if any(word in text for word in SPEC_WORDS):
        return True
    # an issue number: '#123'
    return any(char == "#" and text[index + 1 : index + 2].isdigit() for index, char in enumerate(text))


def imported_modules(tree: ast.Module) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(part for alias in node.names for part in alias.name.split("."))
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.update(node.module.split("."))
            out.update(alias.name for alias in node.names)
    return out


def param_cases(fn: FunctionNode) -> int:
    """How many cases `@pytest.mark.parametrize(...)` decorators give a test (1 when none)."""
    total = 1
    for deco in fn.decorator_list:
        if (
            isinstance(deco, ast.Call)
            and isinstance(deco.func, ast.Attribute)
            and deco.func.attr == "parametrize"
        ):
            values = deco.args[1] if len(deco.args) >= 2 else _kw(deco, "argvalues")
            if isinstance(values, ast.List | ast.Tuple | ast.Set):
                total *= max(1, len(values.elts))
            elif values is not None:
                total *= 2
    return total


def test_weight(facts: ModuleFacts, fn: Fn) -> int:
    """Checks of a test times its parametrized cases: what a test contributes to the suite."""
    return facts.checks(fn.node, fn.cls) * param_cases(fn.node)


# -- the per-file comparison ----------------------------------------------------------------------------


@dataclass
class Verdict:
    rule: str
    where: ast.AST | int
    message: str
    before: bool = False
    require_change: bool = True
    evidence: str | None = None


def _is_trivial(body: list[ast.stmt]) -> bool:
    return all(
        isinstance(stmt, ast.Pass) or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant))
        for stmt in body
    )


_CATCH_ALL = {"AssertionError", "Exception", "BaseException"}


def _swallows(handler: ast.ExceptHandler, resolver: Resolver) -> bool:
    """An except clause that catches assertion failures and neither re-raises nor fails the test."""
    if handler.type is None:
        caught = True
    else:
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        caught = any(last_part(resolver.qualname(t) or "") in _CATCH_ALL for t in types)
    if not caught:
        return False
    for node in (n for stmt in handler.body for n in ast.walk(stmt)):
        if isinstance(node, ast.Raise | ast.Assert):
            return False
        if isinstance(node, ast.Call):
            last = last_part(resolver.call_name(node)).lower()
            if last.startswith(("assert", "fail")) or last in {"xfail", "skip", "skiptest", "exit"}:
                return False
    return True


def _has_assertion(nodes: Iterable[ast.stmt], resolver: Resolver) -> bool:
    for node in (n for stmt in nodes for n in ast.walk(stmt)):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call) and last_part(resolver.call_name(node)).lower().startswith("assert"):
            return True
    return False


def swallowing_blocks(fn: FunctionNode, resolver: Resolver) -> list[ast.AST]:
    """try/except blocks (and `suppress(AssertionError)` blocks) whose asserts can never fail the test."""
    out: list[ast.AST] = []
    for node in walk_function(fn):
        if isinstance(node, ast.Try | ast.TryStar):
            if (
                _has_assertion(node.body, resolver)
                and any(_swallows(h, resolver) for h in node.handlers)
                and not _retried(node, fn)
            ):
                out.append(node)
        elif isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                call = item.context_expr
                if isinstance(call, ast.Call) and last_part(resolver.call_name(call)) == "suppress":
                    names = {last_part(resolver.qualname(a) or "") for a in call.args}
                    if names & _CATCH_ALL and _has_assertion(node.body, resolver):
                        out.append(node)
    return out


def _retried(node: ast.AST, fn: FunctionNode) -> bool:
    """A try inside a retry loop whose `else:` (or the code after the loop) still fails the test."""
    for loop in walk_function(fn):
        if isinstance(loop, ast.For | ast.While) and any(n is node for n in ast.walk(loop)):
            if loop.orelse:
                return True
            for body in (n for n in walk_function(fn) if hasattr(n, "body")):
                stmts = getattr(body, "body", [])
                if isinstance(stmts, list) and loop in stmts:
                    rest = stmts[stmts.index(loop) + 1 :]
                    if any(isinstance(n, ast.Assert | ast.Raise) for s in rest for n in ast.walk(s)):
                        return True
            if any(isinstance(s, ast.Assert | ast.Raise) for s in fn.body[fn.body.index(loop) + 1 :]
                   if loop in fn.body):  # fmt: skip
                return True
    return False


def _early_return(fn: FunctionNode, facts: ModuleFacts) -> ast.stmt | None:
    """An unconditional `return` on the body's own level with checks after it that can no longer run."""
    body = list(_unconditional(fn.body, facts.resolver))
    for index, stmt in enumerate(body):
        if isinstance(stmt, ast.Return):
            rest = body[index + 1 :]
            if _has_assertion(rest, facts.resolver) or any(
                isinstance(n, ast.Call) and facts.call_checks(n, None, frozenset())
                for s in rest
                for n in ast.walk(s)
            ):
                return stmt
            return None
    return None


def _without_checks(fn: FunctionNode, resolver: Resolver) -> str:
    """The test's code with its assertions taken out: what stays the same when only expectations change."""
    out = []
    for stmt in fn.body:
        if isinstance(stmt, ast.Assert):
            continue
        if (
            isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Call)
            and last_part(resolver.call_name(stmt.value)).lower().startswith("assert")
        ):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue
        out.append(ast.dump(stmt))
    return "\n".join(out)


def _assigned(fn: FunctionNode, name: str) -> ast.expr | None:
    for node in walk_function(fn):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return node.value
    return None


def _subject_key(shape: Shape, fn: FunctionNode) -> str:
    """The expression under test, seen through a local variable (`r = f(x); assert r == 1` -> `f(x)`)."""
    node = shape.subject_node
    if isinstance(node, ast.Name):
        bound = _assigned(fn, node.id)
        if bound is not None:
            return ast.dump(bound)
    return shape.subject


def _calls_of(node: ast.AST | None) -> set[str]:
    if node is None:
        return set()
    return {ast.dump(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}


def _self_referential(shape: Shape, fn: FunctionNode) -> bool:
    """`assert f(x) == f(x)` or `expected = f(x); assert f(x) == expected`: the expectation is the output."""
    expected = shape.expected
    if expected is None or shape.subject_node is None:
        return False
    if isinstance(expected, ast.Name):
        expected = _assigned(fn, expected.id) or expected
    subject = shape.subject_node
    if isinstance(subject, ast.Name):
        subject = _assigned(fn, subject.id) or subject
    if ast.dump(expected) == ast.dump(subject):
        return isinstance(subject, ast.Call)
    subject_calls = _calls_of(subject)
    return bool(subject_calls) and bool(subject_calls & _calls_of(expected)) and not _is_literal(expected)


def _literal_text(node: ast.expr | None) -> str:
    if node is None:
        return "?"
    text = ast.unparse(node)
    return text if len(text) <= 60 else text[:57] + "..."


def _new_strings(node: ast.expr | None) -> set[str]:
    if node is None:
        return set()
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


class FileAnalysis:
    """Every weakening verdict on one test file, computed once and shared by the rules."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.verdicts: list[Verdict] = []
        self.after = module_facts(ctx, after=True)
        additions_only = ctx.change.before is not None and self.after is not None and not ctx.removed_lines
        # A change that only added lines removed no test and no check: the before tree is parsed only when
        # the added code holds something to compare (a marker, a skip, an early return, a tautology).
        if additions_only and self.after is not None and not self._added_candidate(self.after):
            self.before = None
        else:
            self.before = module_facts(ctx, after=False)
        self.flagged: set[str] = set()  # tests already reported by a stronger rule
        self.run()

    def add(self, rule: str, where: ast.AST | int, message: str, **kw: Any) -> None:
        self.verdicts.append(Verdict(rule, where, message, **kw))

    def run(self) -> None:
        ctx, after, before = self.ctx, self.after, self.before
        if after is not None:
            self.swallowed(after, before)
        if not file_is_collected(ctx.path) and not file_is_collected(ctx.change.old_path or ctx.path):
            if after is not None and before is not None:
                self.helper_tautologies(after, before)
            return
        if after is not None and before is not None:
            self.skips(after, before)
            for qual, afn in after.tests.items():
                bfn = before.tests.get(qual)
                if (
                    bfn is not None
                    and self._changed(bfn.node, afn.node)
                    and ast.dump(afn.node) != ast.dump(bfn.node)
                ):
                    self.compare(qual, bfn, afn)
            self.helper_tautologies(after, before)
        if before is not None:
            self.deleted(before, after)

    def _added_candidate(self, after: ModuleFacts) -> bool:
        ctx = self.ctx
        for _, expr in (
            *after.module_markers(),
            *(m for c in after.classes.values() for m in after.class_markers(c)),
        ):
            if ctx.touches(expr):
                return True
        for fn in after.functions:
            node = fn.node
            if not ctx.touches(
                node.decorator_list[0].lineno if node.decorator_list else node.lineno, node.end_lineno
            ):
                continue
            if (
                after.markers(fn)
                or after.body_skip(node) is not None
                or _early_return(node, after) is not None
            ):
                return True
            if swallowing_blocks(node, after.resolver):
                return True
            for sub in walk_function(node):
                if isinstance(sub, ast.Assert) and after.is_tautology(sub.test):
                    return True
                if (
                    isinstance(sub, ast.Call)
                    and last_part(after.resolver.call_name(sub)).startswith("assert")
                    and after.call_is_tautology(sub)
                ):
                    return True
        return False

    def _changed(self, old: FunctionNode, new: FunctionNode) -> bool:
        """Could the function's text differ (a changed line in its after span, a removed one in its before)?"""
        ctx = self.ctx
        if ctx.touches(new.decorator_list[0].lineno if new.decorator_list else new.lineno, new.end_lineno):
            return True
        start = old.decorator_list[0].lineno if old.decorator_list else old.lineno
        stop = old.end_lineno or old.lineno
        return any(start <= line <= stop for line in ctx.removed_lines)

    # -- asserts that cannot fail -----------------------------------------------------------------------
    def swallowed(self, after: ModuleFacts, before: ModuleFacts | None) -> None:
        for fn in after.functions:
            blocks = swallowing_blocks(fn.node, after.resolver)
            if not blocks:
                continue
            old = next((f for f in before.functions if f.qual == fn.qual), None) if before else None
            old_count = len(swallowing_blocks(old.node, before.resolver)) if old and before else 0
            if len(blocks) <= old_count:
                continue
            for block in blocks:
                if self.ctx.touches(block):
                    self.flagged.add(fn.qual)
                    self.add("OV407", block, f"{fn.qual}: assertions run inside a block that swallows their "
                             "failure (except AssertionError/Exception without re-raising)")  # fmt: skip

    def tautologies(self, qual: str, bfn: Fn, afn: Fn, after: ModuleFacts, before: ModuleFacts) -> bool:
        old = {ast.dump(n) for n in walk_function(bfn.node) if isinstance(n, ast.Assert | ast.Call)}
        found = False
        for node in walk_function(afn.node):
            bad = (isinstance(node, ast.Assert) and after.is_tautology(node.test)) or (
                isinstance(node, ast.Call)
                and last_part(after.resolver.call_name(node)).startswith("assert")
                and after.call_is_tautology(node)
            )
            if bad and ast.dump(node) not in old and self.ctx.touches(node):
                self.add("OV406", node, f"{qual}: assertion that cannot fail replaces a real check")
                found = True
        return found

    def helper_tautologies(self, after: ModuleFacts, before: ModuleFacts) -> None:
        old = {fn.qual: fn for fn in before.functions if not fn.collected}
        for fn in after.functions:
            if fn.collected or fn.qual not in old:
                continue
            if before.checks(old[fn.qual].node, old[fn.qual].cls) > 0:
                self.tautologies(fn.qual, old[fn.qual], fn, after, before)

    # -- skips ------------------------------------------------------------------------------------------
    def skips(self, after: ModuleFacts, before: ModuleFacts) -> None:
        if before.tests:
            self._new_markers(after.module_markers(), before.module_markers(), "every test of the module")
        for name, cls in after.classes.items():
            old = before.classes.get(name)
            if old is not None and any(q.startswith(f"{name}.") for q in before.tests):
                self._new_markers(
                    after.class_markers(cls), before.class_markers(old), f"every test of {name}"
                )
        for qual, afn in after.tests.items():
            bfn = before.tests.get(qual)
            if bfn is None:
                continue
            if self._new_markers(after.markers(afn), before.markers(bfn), qual):
                self.flagged.add(qual)
            stmt = after.body_skip(afn.node)
            if stmt is not None and before.body_skip(bfn.node) is None:
                self.flagged.add(qual)
                self.add("OV403", stmt, f"{qual}: the test now skips itself unconditionally")

    def _new_markers(
        self, now: list[tuple[str, ast.expr]], was: list[tuple[str, ast.expr]], what: str
    ) -> bool:
        old_kinds = {kind for kind, _ in was}
        reported = False
        for kind, expr in now:
            if kind in old_kinds or ("skip" in old_kinds):
                continue
            if kind == "skip":
                self.add("OV403", expr, f"{what}: skipped unconditionally (the tests used to run)")
            elif kind == "xfail" and not old_kinds:
                self.add("OV404", expr, f"{what}: marked as an expected failure, so a failure no longer fails "
                         "the run")  # fmt: skip
            elif kind == "xfail-strict" and not old_kinds:
                self.add(
                    "OV405", expr, f"{what}: marked xfail(strict=True); check the reason names a known bug"
                )
            else:
                continue
            reported = True
        return reported

    # -- one test, before and after ---------------------------------------------------------------------
    def compare(self, qual: str, bfn: Fn, afn: Fn) -> None:
        after, before = self.after, self.before
        assert after is not None and before is not None
        if self.tautologies(qual, bfn, afn, after, before):
            self.flagged.add(qual)
        if qual not in self.flagged:
            stmt = _early_return(afn.node, after)
            if stmt is not None and _early_return(bfn.node, before) is None:
                self.flagged.add(qual)
                self.add("OV408", stmt, f"{qual}: returns before its assertions run")
        old_checks = before.checks(bfn.node, bfn.cls)
        new_checks = after.checks(afn.node, afn.cls)
        body = [s for s in afn.node.body]
        if qual not in self.flagged and _is_trivial(body) and not _is_trivial(bfn.node.body):
            self.flagged.add(qual)
            self.add("OV409", afn.node, f"{qual}: the test body was replaced by a placeholder", evidence=None)
            return
        # Known only through diff hunks, a test's helpers may lie outside what the hunks show: counting its
        # checks would blame code that merely moved out of sight.
        partial = self.ctx.change.partial
        if qual not in self.flagged and old_checks > 0 and new_checks == 0 and not partial:
            self.flagged.add(qual)
            self.add(
                "OV409",
                afn.node,
                f"{qual}: checked {old_checks} thing(s), now checks nothing",
                require_change=False,
            )
            return
        loosened = self.loosened(qual, bfn, afn)
        if qual not in self.flagged and not loosened:
            lost = _raises_checks(bfn.node, before) - _raises_checks(afn.node, after)
            if lost > 0 and new_checks > 0 and self.ctx.touches(afn.node):
                loosened = True
                self.add("OV411", afn.node, f"{qual}: no longer checks that an exception is raised "
                         f"({lost} pytest.raises/assertRaises check(s) replaced by weaker assertions)")  # fmt: skip
        if qual in self.flagged:
            return
        if new_checks < old_checks and not loosened and not partial:
            self.reduced.append((qual, afn, old_checks, new_checks))

    @property
    def reduced(self) -> list[tuple[str, Fn, int, int]]:
        if not hasattr(self, "_reduced"):
            self._reduced: list[tuple[str, Fn, int, int]] = []
        return self._reduced

    def loosened(self, qual: str, bfn: Fn, afn: Fn) -> bool:
        after, before = self.after, self.before
        assert after is not None and before is not None
        old_shapes = shapes_of(bfn.node, before.resolver)
        new_shapes = shapes_of(afn.node, after.resolver)

        def key(shape: Shape, fn: FunctionNode) -> tuple[str, str, str, float | None]:
            expected = ast.dump(shape.expected) if shape.expected is not None else ""
            return (shape.kind, _subject_key(shape, fn), expected, shape.tolerance)

        old_keys = {key(s, bfn.node) for s in old_shapes}
        new_keys = {key(s, afn.node) for s in new_shapes}
        removed = [s for s in old_shapes if key(s, bfn.node) not in new_keys]
        added = [s for s in new_shapes if key(s, afn.node) not in old_keys and self.ctx.touches(s.node)]
        found = False
        used: set[int] = set()
        same_setup = _without_checks(bfn.node, before.resolver) == _without_checks(afn.node, after.resolver)
        for new in added:
            for old in removed:
                if id(old) in used:
                    continue
                message = self._loosening(old, new, afn, bfn)
                if message:
                    used.add(id(old))
                    self.add("OV411", new.node, f"{qual}: {message}")
                    found = True
                    break
                if (
                    same_setup
                    and old.kind == new.kind
                    and old.kind in {"eq", "approx", "len"}
                    and old.subject == new.subject
                    and old.expected is not None
                    and new.expected is not None
                    and _is_value(old.expected)
                    and _is_value(new.expected)
                    and ast.dump(old.expected) != ast.dump(new.expected)
                    and not _literal_equal(old.expected, new.expected)
                ):
                    used.add(id(old))
                    if not self._justified(bfn, afn, new):
                        self.add("OV412", new.node, f"{qual}: expected value changed from "
                                 f"{_literal_text(old.expected)} to {_literal_text(new.expected)} with the test's "
                                 "inputs unchanged and no reference to a spec or issue")  # fmt: skip
                        found = True
                    break
        return found

    def _loosening(self, old: Shape, new: Shape, fn: Fn, old_fn: Fn) -> str | None:
        if old.kind not in {"eq", "approx", "len"}:
            return None
        old_subject = _subject_key(old, old_fn.node)
        related = _subject_key(new, fn.node) == old_subject or (
            new.subject_node is not None
            and (mentions(new.subject_node, old.subject) or mentions(new.subject_node, old_subject))
        )
        if not related:
            return None
        if old.kind == "approx" and new.kind == "approx":
            if (
                old.tolerance is not None
                and new.tolerance is not None
                and new.tolerance > old.tolerance * 1.0001
            ):
                return f"tolerance widened from {old.tolerance:g} to {new.tolerance:g}"
            return None
        if new.kind == "eq" and _self_referential(new, fn.node):
            return "now compares the output with itself instead of an expected value"
        if old.kind == "eq" and new.kind == "approx":
            if new.tolerance is not None and new.tolerance >= 0.01:
                return f"exact comparison replaced by an approximate one with tolerance {new.tolerance:g}"
            return None
        if new.strength < old.strength:
            label = {"in": "a containment check", "order": "an ordering check", "type": "a type check",
                     "notnone": "an is-not-None check", "truthy": "a truthiness check", "len": "a length check",
                     "ne": "an inequality check"}.get(new.kind, "a weaker check")  # fmt: skip
            return f"`{_literal_text(old.expected)}` equality replaced by {label}"
        return None

    def _justified(self, bfn: Fn, afn: Fn, new: Shape) -> bool:
        """A changed expected value comes with a spec/issue reference, or the changed source now emits it."""
        ctx = self.ctx
        start = max(1, afn.node.lineno - 3)
        after_notes = comment_text(ctx.after_text, start, afn.node.end_lineno or afn.node.lineno)
        before_start = max(1, bfn.node.lineno - 3)
        before_notes = comment_text(ctx.before_text, before_start, bfn.node.end_lineno or bfn.node.lineno)
        if after_notes != before_notes and cites_reference(after_notes):
            return True
        strings = {s for s in _new_strings(new.expected) if len(s) >= 3}
        return bool(strings) and strings <= change_index(ctx).added_source_strings

    # -- tests that are gone ----------------------------------------------------------------------------
    def deleted(self, before: ModuleFacts, after: ModuleFacts | None) -> None:
        ctx = self.ctx
        after_tests = after.tests if after is not None else {}
        gone = [fn for qual, fn in before.tests.items() if qual not in after_tests]
        if not gone and not self.reduced:
            return
        index = change_index(ctx)
        after_names = {fn.name for fn in after_tests.values()}
        other_quals = {fn.qual for fn in after.functions} if after is not None else set()
        deleted_module_used = bool(imported_modules(before.tree) & index.deleted_modules)
        candidates: list[Fn] = []
        renamed: list[tuple[Fn, str]] = []
        for fn in gone:
            where = self._moved_out(fn, after, index)
            if where is not None:
                renamed.append((fn, where))
                continue
            if fn.name in after_names or index.after_tests.get(fn.name, set()) - {ctx.path}:
                continue  # moved to another class or file
            if deleted_module_used or identifiers(fn.node) & index.removed_source_names:
                continue  # deleted together with the code it tested
            candidates.append(fn)
        for fn, where in renamed:
            self.add("OV402", fn.node.lineno, f"{fn.qual} was renamed out of test discovery ({where}); pytest no "
                     "longer runs it", before=True)  # fmt: skip
        pool = self._compensation(before, after, index)
        lost = sum(test_weight(before, fn) for fn in candidates)
        reduced = sum(old - new for _, _, old, new in self.reduced)
        if pool >= lost + reduced and pool > 0:
            return
        if pool >= lost and pool > 0:
            candidates = []
        for qual, afn, old, new in self.reduced:
            if pool >= lost + (old - new):
                pool -= old - new
                continue
            self.add(
                "OV410",
                afn.node,
                f"{qual}: checks went from {old} to {new} with nothing replacing them",
                require_change=False,
            )
        if not candidates:
            return
        if after is None:
            names = ", ".join(fn.qual for fn in candidates[:8]) + (" ..." if len(candidates) > 8 else "")
            self.add("OV401", 1, f"test file deleted with {len(candidates)} test(s) ({names}) while the code "
                     "they test is still there", before=True)  # fmt: skip
            return
        for fn in candidates:
            if fn.qual in other_quals:
                continue  # still defined, but no longer collected: reported as renamed when found
            self.add(
                "OV401",
                fn.node.lineno,
                f"{fn.qual} deleted while the code it tests is still there",
                before=True,
            )

    def _moved_out(self, fn: Fn, after: ModuleFacts | None, index: ChangeIndex) -> str | None:
        """Where a deleted test lives on under a name or in a file that pytest does not collect."""
        if self.before is None or (self.before.checks(fn.node, fn.cls) == 0 and len(fn.node.body) < 2):
            return None
        fingerprint = fn.fingerprint
        if after is not None:
            existing = {f.qual for f in self.before.functions}
            for other in after.functions:
                if other.collected or other.qual in existing:
                    continue
                same_body = other.fingerprint == fingerprint
                stem = fn.name[4:].lstrip("_")
                similar_name = len(stem) >= 3 and other.name.endswith(stem) and other.name != fn.name[4:]
                if same_body or (similar_name and (other.cls is None) == (fn.cls is None)):
                    return f"now `{other.qual}`"
        for path in sorted(index.uncollected_bodies.get(fingerprint, set()) - {self.ctx.path}):
            return f"moved to {path}"
        for path in sorted(index.uncollected_names.get(fn.name, set()) - {self.ctx.path}):
            if not file_is_collected(path):
                return f"moved to {path}"
        return None

    def _compensation(self, before: ModuleFacts, after: ModuleFacts | None, index: ChangeIndex) -> int:
        """Checks the change added elsewhere in the suite: new tests here or in new files, grown tests."""
        pool = 0
        if after is not None:
            for qual, fn in after.tests.items():
                old = before.tests.get(qual)
                new_weight = test_weight(after, fn)
                pool += new_weight if old is None else max(0, new_weight - test_weight(before, old))
        for path in index.new_test_files:
            if path != self.ctx.path:
                pool += index.added_test_weight.get(path, 0)
        if after is None:
            pool += sum(w for p, w in index.added_test_weight.items() if p not in index.new_test_files)
        return pool


def analysis(ctx: FileContext) -> FileAnalysis | None:
    if "weakening.analysis" not in ctx.cache:
        relevant = ctx.is_test and "python" in {ctx.kind, ctx.before_kind}
        ctx.cache["weakening.analysis"] = FileAnalysis(ctx) if relevant else None
    result: FileAnalysis | None = ctx.cache["weakening.analysis"]
    return result


class _WeakeningRule(Rule):
    family = "weakening"
    file_kinds = frozenset({"python"})

    def check_file(self, ctx: FileContext) -> None:
        found = analysis(ctx)
        if found is None:
            return
        for verdict in found.verdicts:
            if verdict.rule == self.id:
                ctx.report(self, verdict.where, verdict.message, evidence=verdict.evidence, before=verdict.before,
                           require_change=verdict.require_change)  # fmt: skip


# -- the rules ------------------------------------------------------------------------------------------


@register
class TestDeleted(_WeakeningRule):
    """A test (or a whole test file) was deleted while the code it tests stays.

    ## What it does
    Compares the tests of each changed test file before and after the change, matched by qualified name
    (`test_parse`, `TestParser.test_parse`). A test that is gone is reported unless it moved (the same name is
    defined in another changed test file or class), was renamed or folded into a parametrized test (the change
    adds at least as many checks as it removes), or was deleted together with the code it exercised (a
    function or class it uses was removed from a changed source file, or the module it imports was deleted).

    ## Why is this bad?
    Deleting the test that fails is the bluntest way to make a suite green: nothing reports the failure any
    more, and the code under test is exactly as broken as before.

    ## Example
    ```python
    # tests/test_dates.py, before: test_parse_iso, test_parse_leap_day; after: only test_parse_iso
    def test_parse_iso():
        assert parse("2024-01-02") == date(2024, 1, 2)
    ```

    ## Legitimate look-alike
    ```python
    # test_parse_leap_day deleted in the same change that deletes `parse_leap_day` from src/dates.py,
    # or three tests replaced by one parametrized test with three cases.
    @pytest.mark.parametrize("text,expected", [("2024-01-02", date(2024, 1, 2)), ...])
    def test_parse(text, expected):
        assert parse(text) == expected
    ```

    ## References
    - ImpossibleBench (arXiv 2510.20270): modifying or deleting tests is the commonest cheat.
    - ../shared/RESEARCH.md §3
    """

    id = "OV401"
    name = "test-deleted"
    # Real refactors delete single tests all the time (obsolete behaviour, merged cases): a reviewer's look,
    # not a verdict. Tests moved out of discovery (OV402) or skipped (OV403) stay HIGH.
    severity = Severity.MEDIUM


@register
class TestRenamedOutOfDiscovery(_WeakeningRule):
    """A test was renamed so that pytest no longer collects it.

    ## What it does
    Reports a test that disappeared from discovery while its body lives on under a name pytest does not
    collect: `test_x` -> `_test_x` / `check_x` / `disabled_test_x`, a `TestX` class renamed to a name without
    the `Test` prefix (and no base class), `__test__ = False`, or the test moved to a file whose name pytest and
    unittest do not collect (`test_x.py` -> `x_tests.py`, `disabled_test_x.py`).

    ## Why is this bad?
    The test still looks present in a review, but it never runs: a silent way to switch a failing test off.

    ## Example
    ```python
    def _test_handles_unicode():          # was: def test_handles_unicode():
        assert slugify("Ünïcode") == "unicode"
    ```

    ## Legitimate look-alike
    ```python
    def test_slugify_handles_unicode():   # renamed to another collected name
        assert slugify("Ünïcode") == "unicode"
    ```

    ## References
    - pytest docs, "Conventions for Python test discovery".
    """

    id = "OV402"
    name = "test-renamed-out-of-discovery"
    severity = Severity.HIGH


@register
class TestSkipped(_WeakeningRule):
    """A test that used to run is now skipped unconditionally.

    ## What it does
    Reports a test (or a class, or a module through `pytestmark`) that gains `@pytest.mark.skip`,
    `@unittest.skip`, a `skipif`/`skipIf` whose condition is constant true (`True`, `"True"`, a module
    constant bound to `True`), `skipUnless(False)`, `xfail(run=False)`, or an unconditional `pytest.skip()`,
    `pytest.xfail()`, `self.skipTest()` or `raise SkipTest` in its body. Aliases (`from pytest import mark`,
    `skip = pytest.mark.skip`) are resolved.

    ## Why is this bad?
    A skipped test is reported as skipped, not failed: the suite passes while the behaviour it checks is
    broken. OpenAI saw agents `raise SkipTest` to get through grading (RESEARCH.md §2).

    ## Example
    ```python
    @pytest.mark.skip(reason="flaky")
    def test_refund_rounds_half_up():
        assert refund(10.005) == 10.01
    ```

    ## Legitimate look-alike
    ```python
    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
    def test_private_key_mode(): ...
    np = pytest.importorskip("numpy")
    ```

    ## References
    - Baker et al., arXiv 2503.11926 (`raise SkipTest`); ../shared/RESEARCH.md §2
    """

    id = "OV403"
    name = "test-skipped"
    severity = Severity.HIGH


@register
class TestMarkedXfail(_WeakeningRule):
    """A test that used to run is now marked as an expected failure.

    ## What it does
    Reports `@pytest.mark.xfail` (not strict, with no condition or a constant-true one) or
    `@unittest.expectedFailure` added to an existing test, class or module.

    ## Why is this bad?
    A non-strict xfail turns a failing test into an "xfailed" outcome and a passing one into "xpassed": the
    run succeeds either way, so the test checks nothing.

    ## Example
    ```python
    @pytest.mark.xfail(reason="rounding")
    def test_total_with_tax():
        assert total(cart) == Decimal("10.70")
    ```

    ## Legitimate look-alike
    ```python
    @pytest.mark.xfail(sys.version_info < (3, 12), reason="needs PEP 701")   # conditional
    ```

    ## References
    - pytest docs, "Skip and xfail".
    """

    id = "OV404"
    name = "test-marked-xfail"
    severity = Severity.MEDIUM


@register
class TestMarkedStrictXfail(_WeakeningRule):
    """A test that used to run is now marked `xfail(strict=True)`.

    ## What it does
    Reports a strict xfail added to an existing test. Strict xfails fail the run if the test starts passing,
    which is how a team tracks a known bug; the reason should name it.

    ## Why is this bad?
    It is still a test that no longer fails the run when the behaviour is wrong; a reviewer should see the
    bug reference.

    ## Example
    ```python
    @pytest.mark.xfail(strict=True, reason="GH-412: wrong timezone on DST boundary")
    def test_dst_boundary(): ...
    ```

    ## Legitimate look-alike
    The same marker on a new test that documents a known bug before it is fixed is not reported.

    ## References
    - pytest docs, "strict parameter" of xfail.
    """

    id = "OV405"
    name = "test-marked-strict-xfail"
    severity = Severity.LOW


@register
class AssertionTautology(_WeakeningRule):
    """An existing test's assertion was replaced by one that cannot fail.

    ## What it does
    Reports, in a test (or a checking helper) that existed before, an added assertion whose outcome is fixed:
    `assert True`, `assert 1`, `assert x or True`, `assert x == x` (side-effect-free operands),
    `assert len(x) >= 0`, `isinstance(x, object)`, `self.assertTrue(True)`, `self.assertEqual(a, a)`.

    ## Why is this bad?
    The test keeps its name and a green tick but checks nothing.

    ## Example
    ```python
    def test_checksum():
        data = load()
        assert checksum(data) == checksum(data) or True
    ```

    ## Legitimate look-alike
    ```python
    def test_hash_is_deterministic():
        assert stable_hash(obj) == stable_hash(obj)   # calls: a determinism test, not a tautology
    ```

    ## References
    - ImpossibleBench (arXiv 2510.20270), test modification.
    """

    id = "OV406"
    name = "assertion-tautology"
    severity = Severity.HIGH


@register
class AssertionSwallowed(_WeakeningRule):
    """Assertions run inside a try/except that swallows their failure.

    ## What it does
    Reports a new `try:` block in a test-suite function whose body asserts and whose handler catches
    `AssertionError`, `Exception`, `BaseException` (or everything) and neither re-raises nor fails the test;
    also `contextlib.suppress(AssertionError)` around asserts. A retry loop whose `else:` or following code
    still fails is not reported.

    ## Why is this bad?
    The assertion can never fail the test: it is the same as deleting it, but looks like a check.

    ## Example
    ```python
    def test_parse():
        try:
            assert parse("1,5") == 1.5
        except AssertionError:
            pass
    ```

    ## Legitimate look-alike
    ```python
    def test_parse_rejects_garbage():
        with pytest.raises(ValueError):
            parse("nope")
    ```

    ## References
    - ../shared/RESEARCH.md §3 (tests modified to pass)
    """

    id = "OV407"
    name = "assertion-swallowed"
    severity = Severity.HIGH


@register
class ReturnBeforeAsserts(_WeakeningRule):
    """An existing test now returns before its assertions run.

    ## What it does
    Reports an unconditional `return` (on the test body's own level, or under `if True:`) added ahead of the
    test's assertions, which then never execute.

    ## Why is this bad?
    The assertions are still in the file, so a reader believes they run; pytest passes the test.

    ## Example
    ```python
    def test_export():
        out = export(rows)
        return
        assert out.startswith("id,name")
    ```

    ## Legitimate look-alike
    ```python
    def test_export():
        if not HAS_LXML:
            return  # conditional: optional dependency
        assert export(rows).startswith("id,name")
    ```

    ## References
    - ../shared/RESEARCH.md §1-§2 (ending a test before its checks)
    """

    id = "OV408"
    name = "return-before-asserts"
    severity = Severity.HIGH


@register
class TestChecksNothing(_WeakeningRule):
    """An existing test no longer checks anything (all assertions removed, or body replaced by `pass`).

    ## What it does
    Counts each test's checks before and after the change (asserts, `self.assert*`, `pytest.raises`,
    `mock.assert_*`, `pytest.fail`, and local helper functions that assert, followed transitively) and reports
    a test that had checks and now has none, or whose body became `pass`, `...` or a docstring.

    ## Why is this bad?
    An empty test always passes; the test report still lists it as passing.

    ## Example
    ```python
    def test_merge_sorted():
        pass    # was: assert merge([1, 3], [2]) == [1, 2, 3]
    ```

    ## Legitimate look-alike
    ```python
    def test_merge_sorted():
        check_merge([1, 3], [2], [1, 2, 3])   # the assert moved into a local helper
    ```

    ## References
    - ../shared/RESEARCH.md §3
    """

    id = "OV409"
    name = "test-checks-nothing"
    severity = Severity.HIGH


@register
class AssertionsRemoved(_WeakeningRule):
    """An existing test lost some of its checks and the change adds none to replace them.

    ## What it does
    Reports a test whose number of checks went down (local helpers followed, so a check moved into a helper
    is not a check lost) when the change does not add at least as many checks elsewhere in the file or in new
    test files (a split test, a new parametrized case).

    ## Why is this bad?
    Removing exactly the assertion that fails is a quiet way to make a test pass.

    ## Example
    ```python
    def test_invoice():
        inv = make_invoice(items)
        assert inv.subtotal == 100
        # removed: assert inv.tax == 8
    ```

    ## Legitimate look-alike
    ```python
    def test_invoice_subtotal():
        assert make_invoice(items).subtotal == 100
    def test_invoice_tax():                       # the check moved to a new test
        assert make_invoice(items).tax == 8
    ```

    ## References
    - ImpossibleBench (arXiv 2510.20270)
    """

    id = "OV410"
    name = "assertions-removed"
    severity = Severity.MEDIUM


@register
class AssertionLoosened(_WeakeningRule):
    """An exact assertion was replaced by a weaker one on the same value.

    ## What it does
    Pairs each removed assertion of a test with an added one about the same expression and reports the
    weakening: `==` turned into `in`, `is not None`, `isinstance`, `>=`, truthiness or a length check,
    `assertEqual` into `assertTrue`/`assertIn`/`assertIsNotNone`, a bigger `pytest.approx`/`places`/`delta`
    tolerance, or an expected value that is now computed by calling the code under test itself.

    ## Why is this bad?
    The weaker assertion accepts the wrong answer the code produces, so the test passes without the bug being
    fixed.

    ## Example
    ```python
    assert render(doc) == "<p>hi</p>"     # before
    assert "hi" in render(doc)            # after
    ```

    ## Legitimate look-alike
    ```python
    assert mean(xs) == 0.3                # before
    assert mean(xs) == pytest.approx(0.3)  # after: default tolerance for a float, not a loosening
    ```

    ## References
    - ImpossibleBench (arXiv 2510.20270); TRACE (arXiv 2601.20103)
    """

    id = "OV411"
    name = "assertion-loosened"
    severity = Severity.MEDIUM


@register
class ExpectedValueChanged(_WeakeningRule):
    """A test's expected literal changed while its inputs did not.

    ## What it does
    Pairs each removed and added equality assertion of a test about the same expression: when only the
    expected literal differs, the rest of the test is unchanged, no comment or docstring citing a spec, RFC,
    PEP or issue was added, and the changed source does not itself introduce the new string, it is reported.

    ## Why is this bad?
    Editing the expected value to whatever the code now returns makes the test agree with the bug (ImpossibleBench
    calls it "modifying tests"). A deliberate behaviour change normally says why.

    ## Example
    ```python
    assert add_business_days(date(2024, 3, 29), 1) == date(2024, 4, 1)   # before
    assert add_business_days(date(2024, 3, 29), 1) == date(2024, 3, 30)  # after
    ```

    ## Legitimate look-alike
    ```python
    # RFC 3986 §6.2.2.1: scheme and host are case-insensitive and normalise to lower case
    assert normalize("HTTP://Example.COM/") == "http://example.com/"
    ```

    ## References
    - ImpossibleBench (arXiv 2510.20270); EvilGenie (arXiv 2511.21654)
    """

    id = "OV412"
    name = "expected-value-changed"
    severity = Severity.MEDIUM
