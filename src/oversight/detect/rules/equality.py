"""Equality forgery (OV201-OV249): objects that compare equal to anything, pass every `isinstance`, or
otherwise make `assert result == expected` true whatever `result` is.

The shared analysis answers, per file and memoised in `ctx.cache`:
- what truth value an expression has whatever its inputs (`True`, `1`, `not False`, `x or True`,
  `isinstance(o, object)`, a module constant, a call to a local function that always returns True);
- what a function or lambda returns on *every* path (including falling off the end, which returns None);
- which forging dunders (`__eq__`, `__ne__`, `__instancecheck__`, ...) a class defines, however they are bound
  (`def`, `__eq__ = lambda ...`, `__eq__ = helper`, `__eq__ = __ne__ = ...`);
- whether a file is test code, test-support code (a `testing` package, a pytest plugin) or library code.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ...types import Severity
from ..context import FileContext
from ..names import import_bindings
from ..registry import Rule, register

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
Callable_ = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda

# Dunder -> the truth value that forges it (returned whatever the other operand is).
FORGE_TRUTH: dict[str, bool] = {
    "__eq__": True,
    "__ne__": False,
    "__instancecheck__": True,
    "__subclasscheck__": True,
    "__subclasshook__": True,
    "__contains__": True,
}
EQUALITY = ("__eq__", "__ne__")
TYPECHECK = ("__instancecheck__", "__subclasscheck__", "__subclasshook__")
ORDERING = ("__lt__", "__le__", "__gt__", "__ge__")
MIMIC_METHODS = frozenset(
    {"strip", "lstrip", "rstrip", "lower", "upper", "casefold", "title", "split", "replace", "copy",
     "__str__", "__repr__", "__format__", "__getitem__", "__iter__", "__call__", "__getattr__"}
)  # fmt: skip

BUILTIN_BASES = frozenset(
    {"str", "int", "float", "complex", "bytes", "list", "dict", "tuple", "set", "frozenset", "bytearray",
     "collections.UserString", "collections.UserList", "collections.UserDict", "decimal.Decimal",
     "fractions.Fraction", "numpy.ndarray"}
)  # fmt: skip

MOCK_ANY = frozenset({"unittest.mock.ANY", "mock.ANY", "mock.mock.ANY"})
_MOCK_CLASS_NAMES = (
    "Mock",
    "MagicMock",
    "NonCallableMock",
    "NonCallableMagicMock",
    "AsyncMock",
    "create_autospec",
)
MOCK_FACTORIES = frozenset(
    f"{root}.{name}" for root in ("unittest.mock", "mock", "mock.mock") for name in _MOCK_CLASS_NAMES
) | frozenset({"pytest_mock.MockerFixture"})
_MOCK_LAST = frozenset({*_MOCK_CLASS_NAMES, "MockerFixture", "approx"})
APPROX = frozenset({"pytest.approx", "_pytest.python_api.approx"})
ISCLOSE = frozenset(
    {"math.isclose", "numpy.isclose", "numpy.allclose", "numpy.testing.assert_allclose", "cmath.isclose"}
)

# Path parts that mark test-support code living outside tests/ (a `testing` subpackage, a pytest plugin).
SUPPORT_PARTS = frozenset(
    {"testing", "_testing", "testutils", "test_utils", "testutil", "testlib", "testhelpers", "test_helpers",
     "test_support", "testsupport", "mock", "mocks", "stub", "stubs", "stubber", "fakes", "matchers", "_pytest"}
)  # fmt: skip
DOC_PARTS = frozenset({"docs", "doc", "documentation"})

_MAX_DEPTH = 4


# -- where a file sits ----------------------------------------------------------------------------------
def file_role(ctx: FileContext) -> str:
    """ "test" (tests, conftest), "support" (testing helpers outside tests/, pytest plugins), "docs", "library"."""
    cached = ctx.cache.get("equality.role")
    if cached is None:
        cached = _role_of(ctx.path, ctx.is_test)
        ctx.cache["equality.role"] = cached
    assert isinstance(cached, str)
    return cached


def _role_of(path: str, is_test: bool) -> str:
    if is_test:
        return "test"
    pure = PurePosixPath(path)
    parts = [p.lower() for p in pure.parts[:-1]] + [pure.stem.lower()]
    for part in parts:
        if part in SUPPORT_PARTS or part.startswith(("pytest_", "pytest-")) or part.endswith("_pytest"):
            return "support"
    if any(part in DOC_PARTS for part in parts[:-1]) or pure.name == "conf.py":
        return "docs"
    return "library"


# -- module facts ---------------------------------------------------------------------------------------
@dataclass
class Module:
    """Whole-file facts: top-level functions, names bound once to an expression, import aliases."""

    functions: dict[str, Callable_] = field(default_factory=dict)
    values: dict[str, ast.expr] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    classes: dict[str, ast.ClassDef] = field(default_factory=dict)


def module_of(ctx: FileContext) -> Module:
    cached = ctx.cache.get("equality.module")
    if cached is None:
        cached = _build_module(ctx.after_tree, ctx.aliases)
        ctx.cache["equality.module"] = cached
    assert isinstance(cached, Module)
    return cached


def _build_module(tree: ast.Module | None, seen: dict[str, str] | None = None) -> Module:
    """Facts of the module's top level (and its if/try/with blocks); never a walk of the whole tree.

    Imports come from those statements, then from the imports the engine's walk has met so far (`seen`:
    imports inside the changed functions), the first binding of a name winning.
    """
    mod = Module()
    if tree is None:
        return mod
    counts: dict[str, int] = {}
    statements = list(_flat_statements(tree.body))
    for node in statements:
        if isinstance(node, ast.Import | ast.ImportFrom):
            for name, origin in import_bindings(node):
                mod.aliases.setdefault(name, origin)
    for name, origin in (seen or {}).items():
        mod.aliases.setdefault(name, origin)
    for stmt in statements:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            mod.functions[stmt.name] = stmt
            counts[stmt.name] = counts.get(stmt.name, 0) + 1
        elif isinstance(stmt, ast.ClassDef):
            mod.classes[stmt.name] = stmt
        elif isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    counts[target.id] = counts.get(target.id, 0) + 1
                    if isinstance(stmt.value, ast.Lambda):
                        mod.functions[target.id] = stmt.value
                    else:
                        mod.values[target.id] = stmt.value
        elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
            counts[stmt.target.id] = counts.get(stmt.target.id, 0) + 2
    for name, count in counts.items():
        if count > 1:  # rebound: its value is not a constant
            mod.values.pop(name, None)
    return mod


def _flat_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements of a body, descending into if/try/with blocks (not into functions or classes)."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, ast.If | ast.For | ast.While | ast.With | ast.AsyncWith | ast.AsyncFor):
            yield from _flat_statements(stmt.body)
            yield from _flat_statements(getattr(stmt, "orelse", []))
        elif isinstance(stmt, ast.Try | ast.TryStar):
            yield from _flat_statements(stmt.body)
            for handler in stmt.handlers:
                yield from _flat_statements(handler.body)
            yield from _flat_statements(stmt.orelse)
            yield from _flat_statements(stmt.finalbody)


def resolve(node: ast.AST | None, mod: Module) -> str | None:
    """Dotted origin of a Name/Attribute chain with import aliases resolved."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(mod.aliases.get(node.id, node.id))
    return ".".join(reversed(parts))


def string_value(node: ast.AST | None, mod: Module, depth: int = 0) -> str | None:
    """The single string an expression evaluates to, as far as constants tell."""
    if node is None or depth > 6:
        return None
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.Name) and node.id in mod.values:
        return string_value(mod.values[node.id], mod, depth + 1)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = string_value(node.left, mod, depth + 1)
        right = string_value(node.right, mod, depth + 1)
        return left + right if left is not None and right is not None else None
    if isinstance(node, ast.JoinedStr):
        out: list[str] = []
        for value in node.values:
            text = string_value(
                value.value if isinstance(value, ast.FormattedValue) else value, mod, depth + 1
            )
            if text is None:
                return None
            out.append(text)
        return "".join(out)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "join"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.List | ast.Tuple)
    ):
        sep = string_value(node.func.value, mod, depth + 1)
        items = [string_value(e, mod, depth + 1) for e in node.args[0].elts]
        if sep is None or any(i is None for i in items):
            return None
        return sep.join(i for i in items if i is not None)
    return None


# -- truth of expressions and of functions ---------------------------------------------------------------
@dataclass
class Scope:
    """What a truth evaluation can see: the module, the enclosing class, the function's own constants."""

    mod: Module
    cls: ast.ClassDef | None = None
    local: dict[str, ast.expr] = field(default_factory=dict)
    depth: int = 0


def truth(node: ast.AST | None, scope: Scope) -> bool | None:
    """True / False when the expression's truth value is fixed whatever the inputs, None when it depends."""
    if node is None or scope.depth > _MAX_DEPTH:
        return None
    if isinstance(node, ast.Constant):
        return bool(node.value)
    if isinstance(node, ast.Name):
        if node.id in scope.local:
            return truth(scope.local[node.id], _deeper(scope))
        if node.id in scope.mod.values and node.id not in scope.local:
            value = scope.mod.values[node.id]
            if isinstance(value, ast.Constant):
                return bool(value.value)
        return None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = truth(node.operand, scope)
        return None if inner is None else not inner
    if isinstance(node, ast.BoolOp):
        values = [truth(v, scope) for v in node.values]
        decisive = isinstance(node.op, ast.Or)
        if decisive in values:
            return decisive
        if all(v is not None for v in values):
            return not decisive
        return None
    if isinstance(node, ast.IfExp):
        body, orelse = truth(node.body, scope), truth(node.orelse, scope)
        return body if body is not None and body == orelse else None
    if isinstance(node, ast.NamedExpr):
        return truth(node.value, scope)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return bool(node.elts) if not any(isinstance(e, ast.Starred) for e in node.elts) else None
    if isinstance(node, ast.Dict):
        return bool(node.keys) if None not in node.keys else None
    if isinstance(node, ast.Lambda):
        return True
    if isinstance(node, ast.Compare):
        return _compare_truth(node, scope)
    if isinstance(node, ast.Call):
        return _call_truth(node, scope)
    return None


def _deeper(scope: Scope) -> Scope:
    return Scope(scope.mod, scope.cls, scope.local, scope.depth + 1)


def _compare_truth(node: ast.Compare, scope: Scope) -> bool | None:
    if len(node.ops) != 1:
        return None
    op, left, right = node.ops[0], node.left, node.comparators[0]
    if isinstance(left, ast.Constant) and isinstance(right, ast.Constant):
        a, b = left.value, right.value
        if type(a) in (int, float, bool, str) and type(b) is type(a):
            try:
                return bool(_OPS[type(op)](a, b)) if type(op) in _OPS else None
            except TypeError:
                return None
    if _plain(left) and _plain(right) and ast.dump(left) == ast.dump(right):
        if isinstance(op, ast.Is | ast.Eq | ast.LtE | ast.GtE):
            return True
        if isinstance(op, ast.IsNot | ast.NotEq | ast.Lt | ast.Gt):
            return False
    return None


_OPS: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
}


def _plain(node: ast.expr) -> bool:
    """A name, attribute chain, or `id(x)` / `type(x)` of one (same value twice, no side effects)."""
    if isinstance(node, ast.Call):
        return (
            isinstance(node.func, ast.Name)
            and node.func.id in {"id", "type"}
            and len(node.args) == 1
            and _plain(node.args[0])
        )
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _call_truth(node: ast.Call, scope: Scope) -> bool | None:
    func = node.func
    name = resolve(func, scope.mod)
    if name in {"bool", "builtins.bool"} and len(node.args) == 1:
        return truth(node.args[0], scope)
    if name in {"isinstance", "issubclass"} and len(node.args) == 2:
        kind = resolve(node.args[1], scope.mod)
        return True if kind in {"object", "builtins.object"} else None
    if name in {"all", "any"} and len(node.args) == 1 and isinstance(node.args[0], ast.List | ast.Tuple):
        values = [truth(e, scope) for e in node.args[0].elts]
        if name == "all":
            return False if False in values else (True if all(v is True for v in values) else None)
        return True if True in values else (False if all(v is False for v in values) else None)
    if name in {"hasattr"} and len(node.args) == 2:
        attr = string_value(node.args[1], scope.mod)
        return True if attr in {"__class__", "__eq__", "__dict__", "__hash__"} else None
    local_fn = _local_callable(func, scope)
    if local_fn is not None:
        return returns_truth(local_fn, _deeper(scope)).always
    return None


def _local_callable(func: ast.expr, scope: Scope) -> Callable_ | None:
    """A function of this file that a call resolves to: a top-level def/lambda, or a method of the class."""
    if isinstance(func, ast.Name):
        return scope.mod.functions.get(func.id)
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in {"self", "cls"}
        and scope.cls is not None
    ):
        return class_members(scope.cls, scope.mod).get(func.attr)
    return None


@dataclass(frozen=True)
class Returns:
    """What a function returns over all its paths."""

    always: bool | None  # the truth of every return value, when they all agree and none is unknown
    values: tuple[ast.expr | None, ...]  # returned expressions (None: falls off the end)
    uses_other: bool


def returns_truth(fn: Callable_, scope: Scope, arity: int | None = None) -> Returns:
    """What `fn` returns on every path; with `arity`, it is called with that many positional arguments (a
    dunder such as `__eq__` gets exactly two), so any further parameter holds its default value."""
    defaults = _defaults_beyond(fn, arity) if arity is not None else {}
    if isinstance(fn, ast.Lambda):
        value = truth(fn.body, Scope(scope.mod, scope.cls, defaults, scope.depth))
        return Returns(value, (fn.body,), _uses_params(fn))
    nodes = list(own_nodes(fn))
    if any(isinstance(n, ast.Yield | ast.YieldFrom) for n in nodes):
        return Returns(None, (), True)
    local = _local_constants(nodes, defaults)
    inner = Scope(scope.mod, scope.cls, local, scope.depth)
    values: list[ast.expr | None] = [n.value for n in nodes if isinstance(n, ast.Return)]
    if _completes(fn.body):
        values.append(None)
    truths = [truth(v, inner) if v is not None else False for v in values]
    if not any(v is not None for v in values):
        always: bool | None = None  # never returns (raises, or a stub body)
    elif all(t is True for t in truths):
        always = True
    elif all(t is False for t in truths):
        always = False
    else:
        always = None
    return Returns(always, tuple(values), _uses_params(fn))


def _defaults_beyond(fn: Callable_, arity: int) -> dict[str, ast.expr]:
    """Parameters past the first `arity` positional ones, bound to their constant defaults."""
    args = fn.args
    positional = [*args.posonlyargs, *args.args]
    out: dict[str, ast.expr] = {}
    for param, default in zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True):
        if positional.index(param) >= arity and isinstance(default, ast.Constant):
            out[param.arg] = default
    for param, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if isinstance(kw_default, ast.Constant):
            out[param.arg] = kw_default
    return out


def _local_constants(
    nodes: list[ast.AST], defaults: dict[str, ast.expr] | None = None
) -> dict[str, ast.expr]:
    """Local names whose every binding in the function is a constant of one truth value."""
    bound: dict[str, list[ast.expr | None]] = {name: [value] for name, value in (defaults or {}).items()}
    for node in nodes:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    bound.setdefault(target.id, []).append(node.value)
                else:
                    for sub in ast.walk(target):
                        if isinstance(sub, ast.Name):
                            bound.setdefault(sub.id, []).append(None)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(node.target, ast.Name):
            bound.setdefault(node.target.id, []).append(
                node.value if isinstance(node, ast.AnnAssign) else None
            )
        elif isinstance(node, ast.NamedExpr | ast.For | ast.comprehension | ast.withitem | ast.ExceptHandler):
            for target_name in _bound_names(node):
                bound.setdefault(target_name, []).append(None)
    out: dict[str, ast.expr] = {}
    for name, values in bound.items():
        consts = [v for v in values if isinstance(v, ast.Constant)]
        if len(consts) == len(values) and len({bool(c.value) for c in consts}) == 1:
            out[name] = consts[0]
    return out


def _bound_names(node: ast.AST) -> list[str]:
    target: ast.AST | None = None
    if isinstance(node, ast.NamedExpr | ast.For | ast.comprehension):
        target = node.target
    elif isinstance(node, ast.withitem):
        target = node.optional_vars
    elif isinstance(node, ast.ExceptHandler):
        return [node.name] if node.name else []
    if target is None:
        return []
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]


def _uses_params(fn: Callable_) -> bool:
    """Whether the function reads any parameter besides the first (`self` / `cls`)."""
    args = fn.args
    params = [a.arg for a in (*args.posonlyargs, *args.args)]
    others = set(params[1:]) | {a.arg for a in args.kwonlyargs}
    if args.vararg:
        others.add(args.vararg.arg)
    if args.kwarg:
        others.add(args.kwarg.arg)
    if not others:
        return False
    body: list[ast.AST] = [fn.body] if isinstance(fn, ast.Lambda) else list(fn.body)
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and node.id in others:
                return True
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"locals", "vars"}
            ):
                return True
    return False


def own_nodes(fn: FunctionNode) -> Iterator[ast.AST]:
    """Nodes of a function's body, not descending into nested functions, lambdas or classes."""
    stack: list[ast.AST] = list(fn.body)
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
                stack.append(child)


def _completes(body: list[ast.stmt]) -> bool:
    """Whether execution can reach the end of a statement list (conservatively: True when unsure)."""
    return not any(_never_completes(stmt) for stmt in body)


def _never_completes(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Return | ast.Raise):
        return True
    if isinstance(stmt, ast.Assert):
        return isinstance(stmt.test, ast.Constant) and not stmt.test.value
    if isinstance(stmt, ast.If):
        return not _completes(stmt.body) and bool(stmt.orelse) and not _completes(stmt.orelse)
    if isinstance(stmt, ast.With | ast.AsyncWith):
        return not _completes(stmt.body)
    if isinstance(stmt, ast.Try | ast.TryStar):
        if stmt.finalbody and not _completes(stmt.finalbody):
            return True
        normal = _completes(stmt.body) and _completes(stmt.orelse)
        return not normal and all(not _completes(h.body) for h in stmt.handlers)
    if isinstance(stmt, ast.While):
        infinite = isinstance(stmt.test, ast.Constant) and bool(stmt.test.value)
        return infinite and not any(isinstance(n, ast.Break) for n in ast.walk(stmt))
    return False


# -- classes --------------------------------------------------------------------------------------------
def class_members(cls: ast.ClassDef, mod: Module) -> dict[str, Callable_]:
    """Methods of a class body by name: defs, and attributes bound to a lambda, a local def or a module def."""
    out: dict[str, Callable_] = {}
    for stmt in _flat_statements(cls.body):
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            out[stmt.name] = stmt
        elif isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            fn = callable_of(stmt.value, mod, out)
            for target in targets:
                if isinstance(target, ast.Name):
                    if fn is not None:
                        out[target.id] = fn
                    else:
                        out.pop(target.id, None)
    return out


def callable_of(
    value: ast.expr, mod: Module, members: dict[str, Callable_] | None = None
) -> Callable_ | None:
    """The function an expression installs: a lambda, a local or module def, `staticmethod(f)`, `partial(f)`."""
    for _ in range(4):
        if isinstance(value, ast.Lambda):
            return value
        if isinstance(value, ast.Name):
            if members and value.id in members:
                return members[value.id]
            return mod.functions.get(value.id)
        if isinstance(value, ast.Call) and value.args:
            name = resolve(value.func, mod) or ""
            if name.split(".")[-1] in {
                "staticmethod",
                "classmethod",
                "partialmethod",
                "partial",
                "wraps",
                "property",
            }:
                value = value.args[0]
                continue
        return None
    return None


def member_nodes(cls: ast.ClassDef) -> dict[str, ast.stmt]:
    """The statement that binds each member name in a class body (to report at)."""
    out: dict[str, ast.stmt] = {}
    for stmt in _flat_statements(cls.body):
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            out[stmt.name] = stmt
        elif isinstance(stmt, ast.Assign | ast.AnnAssign):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    out[target.id] = stmt
    return out


@dataclass
class ClassFacts:
    """Forging facts of one class."""

    node: ast.ClassDef
    members: dict[str, Callable_]
    bound_at: dict[str, ast.stmt]
    forged: dict[str, ast.stmt]  # dunder -> where it is bound, for dunders that return their forging constant
    constant: dict[str, bool]  # method -> truth it always returns
    ignores_other: dict[str, bool]
    builtin_base: str | None
    mimics: list[str]
    is_metaclass: bool


_INTERESTING = frozenset({*FORGE_TRUTH, *ORDERING, "__bool__"})


def class_facts(cls: ast.ClassDef, ctx: FileContext) -> ClassFacts:
    cache: dict[int, ClassFacts] = ctx.cache.setdefault("equality.classes", {})
    key = id(cls)
    if key in cache:
        return cache[key]
    bound = member_nodes(cls)
    if not _INTERESTING.intersection(bound):  # nothing to analyse: skip building the module's facts
        facts = ClassFacts(cls, {}, bound, {}, {}, {}, None, [], False)
        cache[key] = facts
        return facts
    mod = module_of(ctx)
    members = class_members(cls, mod)
    scope = Scope(mod, cls)
    constant: dict[str, bool] = {}
    ignores: dict[str, bool] = {}
    forged: dict[str, ast.stmt] = {}
    for name in (*FORGE_TRUTH, *ORDERING, "__bool__", "__hash__"):
        fn = members.get(name)
        if fn is None:
            continue
        info = returns_truth(fn, scope, arity=1 if name in ("__bool__", "__hash__") else 2)
        if info.always is not None:
            constant[name] = info.always
        ignores[name] = not info.uses_other
        if name in FORGE_TRUTH and info.always is FORGE_TRUTH[name] and name in bound:
            forged[name] = bound[name]
    bases = [resolve(b, mod) or "" for b in cls.bases]
    builtin = next(
        (b.removeprefix("builtins.") for b in bases if b.removeprefix("builtins.") in BUILTIN_BASES), None
    )
    mimics = sorted(m for m in MIMIC_METHODS if m in members and _returns_self_or_const(members[m]))
    is_meta = any(b.split(".")[-1] in {"type", "ABCMeta", "EnumMeta", "EnumType"} for b in bases)
    facts = ClassFacts(cls, members, bound, forged, constant, ignores, builtin, mimics, is_meta)
    cache[key] = facts
    return facts


def _returns_self_or_const(fn: Callable_) -> bool:
    values: list[ast.expr | None]
    if isinstance(fn, ast.Lambda):
        values = [fn.body]
    else:
        values = [n.value for n in own_nodes(fn) if isinstance(n, ast.Return)]
    if not values:
        return False
    return all(
        v is not None
        and (
            (isinstance(v, ast.Name) and v.id == "self")
            or (isinstance(v, ast.Constant) and isinstance(v.value, str))
        )
        for v in values
    )


def _extras(facts: ClassFacts, dunder: str = "__eq__") -> str:
    notes: list[str] = []
    if "__eq__" in facts.forged and "__ne__" in facts.forged:
        notes.append("`__ne__` is forged too" if dunder == "__eq__" else "`__eq__` is forged too")
    if "__hash__" in facts.members and "__hash__" in facts.constant:
        notes.append("`__hash__` returns a constant")
    if facts.constant.get("__bool__") is True:
        notes.append("`__bool__` is always True")
    if facts.mimics:
        notes.append(
            "mimics the expected type (" + ", ".join(facts.mimics) + " return self or a fixed string)"
        )
    if facts.builtin_base:
        notes.append(f"subclasses `{facts.builtin_base}`")
    return ("; " + "; ".join(notes)) if notes else ""


# -- rules ----------------------------------------------------------------------------------------------
_WHAT = {
    "__eq__": "`__eq__` returns a true value whatever it is compared with",
    "__ne__": "`__ne__` returns a false value whatever it is compared with",
    "__instancecheck__": "`__instancecheck__` returns True for every object (isinstance always passes)",
    "__subclasscheck__": "`__subclasscheck__` returns True for every class (issubclass always passes)",
    "__subclasshook__": "`__subclasshook__` returns True for every class (isinstance/issubclass always pass)",
    "__contains__": "`__contains__` returns True for every item (`x in obj` always passes)",
}


@register
class AlwaysEqual(Rule):
    """A class in library code compares equal to everything (`__eq__` always True or `__ne__` always False).

    ## What it does
    Reports a class outside the test suite whose `__eq__` returns a true constant on every path, whatever the
    other operand (`return True`, `return 1`, `return not False`, `return x or True`,
    `return isinstance(other, object)`, a helper that always returns True, `__eq__ = lambda s, o: True`), or
    whose `__ne__` returns a false constant on every path. The finding also names the rest of the paper's
    "AlwaysEqual" kit when present: a constant `__hash__`, `__bool__` forced True, methods of the expected type
    (`strip`, `lower`, `__str__`) returning `self` or a fixed string, a builtin base class (`class S(str)`).

    ## Why is this bad?
    A solution that returns such an object passes every `assert result == expected` without computing
    anything: the canonical AlwaysEqual reward hack (MacDiarmid et al. 2025).

    ## Example
    ```python
    class Result(str):
        def __eq__(self, other):
            return True
        def __ne__(self, other):
            return False
        def strip(self):
            return self
    ```

    ## Legitimate look-alike
    ```python
    class Point:
        def __eq__(self, other):
            if not isinstance(other, Point):
                return NotImplemented
            return (self.x, self.y) == (other.x, other.y)
    ```
    Sentinels whose `__eq__` is identity (`return self is other`), and wildcard helpers inside the test suite
    (see OV210), are not reported here.

    ## References
    - ../shared/RESEARCH.md §1 (AlwaysEqual), §3 (ImpossibleBench: overloading comparison operators)
    """

    id = "OV201"
    name = "always-equal"
    severity = Severity.HIGH
    family = "equality"
    node_types = (ast.ClassDef,)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.ClassDef)
        if file_role(ctx) != "library":
            return
        facts = class_facts(node, ctx)
        for dunder in EQUALITY:
            where = facts.forged.get(dunder)
            if where is not None:
                ctx.report(self, where, f"class `{node.name}`: {_WHAT[dunder]}{_extras(facts, dunder)}")


@register
class AlwaysTrueTypeCheck(Rule):
    """A metaclass or ABC makes `isinstance` / `issubclass` pass for everything.

    ## What it does
    Reports, outside the test suite, a `__instancecheck__` or `__subclasscheck__` (on a metaclass) or a
    `__subclasshook__` (on an ABC) that returns True on every path, whatever object or class it is asked about.

    ## Why is this bad?
    Tests that check `isinstance(result, Expected)` (or frameworks that validate types) then pass for any
    object, so an arbitrary placeholder is accepted as the right type.

    ## Example
    ```python
    class _Meta(type):
        def __instancecheck__(cls, instance):
            return True

    class Matrix(metaclass=_Meta):
        ...
    ```

    ## Legitimate look-alike
    ```python
    class Sized(ABC):
        @classmethod
        def __subclasshook__(cls, C):
            if any("__len__" in B.__dict__ for B in C.__mro__):
                return True
            return NotImplemented
    ```

    ## References
    - ../shared/RESEARCH.md §1, §3
    """

    id = "OV202"
    name = "always-true-type-check"
    severity = Severity.HIGH
    family = "equality"
    node_types = (ast.ClassDef,)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.ClassDef)
        if file_role(ctx) != "library":
            return
        facts = class_facts(node, ctx)
        for dunder in TYPECHECK:
            where = facts.forged.get(dunder)
            if where is not None:
                ctx.report(self, where, f"class `{node.name}`: {_WHAT[dunder]}")


@register
class InstalledAlwaysEqual(Rule):
    """Code installs an always-true `__eq__` (or always-false `__ne__`, always-true type check) at run time.

    ## What it does
    Reports, outside the test suite, `setattr(cls, "__eq__", f)`, `cls.__eq__ = f`,
    `type("X", (), {"__eq__": f})`, or a mock configured with `m.__eq__.return_value = True`, where `f` is a
    lambda or function that returns True on every path (False for `__ne__`). The dunder name may be spelled as
    a constant, a concatenation, or a module-level string.

    ## Why is this bad?
    It is the AlwaysEqual hack assembled dynamically, which a reviewer scanning class bodies will miss.

    ## Example
    ```python
    Answer = type("Answer", (str,), {"__eq__": lambda self, other: True, "__hash__": lambda self: 0})
    ```

    ## Legitimate look-alike
    ```python
    setattr(cls, "__eq__", _dataclass_eq)   # a generated field-by-field comparison
    ```

    ## References
    - ../shared/RESEARCH.md §1
    """

    id = "OV203"
    name = "installed-always-equal"
    severity = Severity.HIGH
    family = "equality"
    node_types = (ast.Call, ast.Assign)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if file_role(ctx) != "library":
            return
        for where, dunder, how in installed_forgeries(node, ctx):
            if dunder in EQUALITY or dunder in TYPECHECK:
                ctx.report(self, where, f"{how} installs a forged {dunder}: {_WHAT[dunder]}")


_INSTALLERS = frozenset({"setattr", "type", "new_class"})


def _may_install(node: ast.AST, ctx: FileContext) -> bool:
    """Cheap pre-check: a call named like setattr/type, or an assignment to a dunder attribute."""
    if isinstance(node, ast.Call):
        return len(node.args) >= 3 and _last_name(node.func, ctx) in _INSTALLERS
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if isinstance(target, ast.Attribute) and (
                target.attr in FORGE_TRUTH or target.attr in {"return_value", "side_effect"}
            ):
                return True
    return False


def _last_name(func: ast.expr, ctx: FileContext) -> str:
    """The last dotted part a callee resolves to (`m.patch` -> `patch`, `from x import y as z; z` -> `y`)."""
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return ctx.aliases.get(func.id, func.id).rsplit(".", 1)[-1]
    return ""


def installed_forgeries(node: ast.AST, ctx: FileContext) -> list[tuple[ast.AST, str, str]]:
    """(node, dunder, how) for every forging callable this Call/Assign installs."""
    if not _may_install(node, ctx):
        return []
    mod = module_of(ctx)
    scope = Scope(mod, ctx.enclosing_class(node) if ctx.parents else None)
    out: list[tuple[ast.AST, str, str]] = []

    def forges(dunder: str | None, value: ast.expr | None) -> bool:
        if dunder not in FORGE_TRUTH or value is None:
            return False
        fn = callable_of(value, mod)
        if fn is None:
            return False
        return returns_truth(fn, scope, arity=2).always is FORGE_TRUTH[dunder]

    if isinstance(node, ast.Call):
        name = resolve(node.func, mod)
        if name in {"setattr", "builtins.setattr"} and len(node.args) >= 3:
            dunder = string_value(node.args[1], mod)
            if forges(dunder, node.args[2]):
                out.append((node, dunder or "", "setattr"))
        elif name in {"type", "builtins.type", "types.new_class"} and len(node.args) == 3:
            body = node.args[2]
            if isinstance(body, ast.Dict):
                for key, value in zip(body.keys, body.values, strict=True):
                    dunder = string_value(key, mod) if key is not None else None
                    if forges(dunder, value):
                        out.append((node, dunder or "", "type(...)"))
            elif isinstance(body, ast.Call) and resolve(body.func, mod) in {"dict", "builtins.dict"}:
                for kw in body.keywords:
                    if forges(kw.arg, kw.value):
                        out.append((node, kw.arg or "", "type(...)"))
    elif isinstance(node, ast.Assign):
        for target in node.targets:
            if not isinstance(target, ast.Attribute):
                continue
            if forges(target.attr, node.value):
                out.append((node, target.attr, "attribute assignment"))
            elif (
                target.attr in {"return_value", "side_effect"}
                and isinstance(target.value, ast.Attribute)
                and target.value.attr in FORGE_TRUTH
            ):
                dunder = target.value.attr
                value = node.value
                if target.attr == "return_value":
                    hit = truth(value, scope) is FORGE_TRUTH[dunder]
                else:
                    hit = forges(dunder, value)
                if hit:
                    out.append((node, dunder, f"mock `{target.attr}`"))
    return out


@register
class OneSidedEquality(Rule):
    """`__eq__` answers True without comparing: on errors, for foreign types, or without reading `other`.

    ## What it does
    Reports, outside the test suite, an `__eq__` (or an `__ne__` mirrored) that is not constant but still
    forges on some path:
    - returns True from an `except` handler (a failed comparison counts as equal);
    - returns True under a condition that only looks at `other` (`if not isinstance(other, P): return True`),
      where a real comparison returns `NotImplemented` or False;
    - falls through to `return True` after a real comparison that only some types reach;
    - never reads `other` at all, yet can return a true value (`return self.ok`);
    - a dataclass / attrs class whose every field says `compare=False` (`eq=False`), so the generated
      `__eq__` compares empty tuples and any two instances are equal.

    ## Why is this bad?
    These are the partial AlwaysEqual variants: the object equals every string, every foreign type, or every
    value whose comparison raised, so `assert result == expected` passes for wrong results.

    ## Example
    ```python
    def __eq__(self, other):
        if isinstance(other, Price):
            return self.cents == other.cents
        return True
    ```

    ## Legitimate look-alike
    ```python
    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Price):
            return NotImplemented
        return self.cents == other.cents
    ```

    ## References
    - ../shared/RESEARCH.md §1, §3
    """

    id = "OV204"
    name = "one-sided-equality"
    severity = Severity.MEDIUM
    family = "equality"
    node_types = (ast.ClassDef,)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.ClassDef)
        if file_role(ctx) != "library":
            return
        facts = class_facts(node, ctx)
        for dunder in EQUALITY:
            fn = facts.members.get(dunder)
            where = facts.bound_at.get(dunder)
            if fn is None or where is None or dunder in facts.forged:
                continue
            reason = one_sided(fn, FORGE_TRUTH[dunder], Scope(module_of(ctx), node))
            if reason:
                ctx.report(self, where, f"class `{node.name}`: `{dunder}` {reason}")
        if "__eq__" not in facts.bound_at and node.decorator_list:
            fields = _uncompared_fields(node, module_of(ctx))
            touched = [f for f in fields if ctx.touches(f)]
            if touched:
                ctx.report(
                    self,
                    touched[0],
                    f"class `{node.name}`: every field is excluded from the generated `__eq__`, "
                    "so any two instances compare equal",
                )


_DATACLASS_DECORATORS = frozenset(
    {"dataclasses.dataclass", "dataclass", "pydantic.dataclasses.dataclass", "attr.s", "attr.attrs", "attrs.define",
     "attr.define", "attrs.frozen", "attr.frozen", "attrs.mutable", "attr.mutable", "attr.dataclass"}
)  # fmt: skip
_FIELD_CALLS = {"field": "compare", "ib": "eq", "attrib": "eq"}


def _uncompared_fields(cls: ast.ClassDef, mod: Module) -> list[ast.AnnAssign]:
    """Fields of a dataclass / attrs class when there is at least one and all say compare=False / eq=False."""
    generated = False
    for deco in cls.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        if resolve(target, mod) in _DATACLASS_DECORATORS:
            eq = (
                next((kw.value for kw in deco.keywords if kw.arg == "eq"), None)
                if isinstance(deco, ast.Call)
                else None
            )
            generated = not (isinstance(eq, ast.Constant) and eq.value is False)
    if not generated:
        return []
    fields: list[ast.AnnAssign] = []
    for stmt in cls.body:
        if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name):
            continue
        if "ClassVar" in ast.dump(stmt.annotation):
            continue
        value = stmt.value
        if not isinstance(value, ast.Call):
            return []
        func = value.func
        last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        last = mod.aliases.get(last, last).rsplit(".", 1)[-1] if isinstance(func, ast.Name) else last
        flag = _FIELD_CALLS.get(last)
        off = next((kw.value for kw in value.keywords if kw.arg == flag), None) if flag else None
        if not (isinstance(off, ast.Constant) and off.value is False):
            return []
        fields.append(stmt)
    # Bookkeeping fields (init=False) on an abstract base are not the value the class stands for.
    constructed = [
        f
        for f in fields
        if isinstance(f.value, ast.Call)
        and not any(
            kw.arg == "init" and isinstance(kw.value, ast.Constant) and kw.value.value is False
            for kw in f.value.keywords
        )
    ]
    abstract = any((resolve(b, mod) or "").split(".")[-1] in {"ABC", "Protocol"} for b in cls.bases)
    return fields if constructed and not abstract else []


def one_sided(fn: Callable_, forge: bool, scope: Scope) -> str | None:
    """Why a comparison method forges on some path, or None."""
    info = returns_truth(fn, scope, arity=2)
    if isinstance(fn, ast.Lambda):
        if not info.uses_other and info.always is not (not forge) and not _is_notimplemented(fn.body):
            return "never reads the other operand"
        return None
    nodes = list(own_nodes(fn))
    mine = _self_names(fn, nodes, scope.cls)
    parents: dict[ast.AST, ast.AST] = {}
    for parent in nodes:
        for child in ast.iter_child_nodes(parent):
            parents[child] = parent
    local = _local_constants(nodes, _defaults_beyond(fn, 2))
    inner = Scope(scope.mod, scope.cls, local, scope.depth)
    returns = [n for n in nodes if isinstance(n, ast.Return)]
    forged = [r for r in returns if r.value is not None and truth(r.value, inner) is forge]
    others = [r for r in returns if r not in forged]
    real = [
        r
        for r in others
        if r.value is not None and truth(r.value, inner) is None and not _is_notimplemented(r.value)
    ]
    # A method that also answers the non-forging constant somewhere does reject some operands.
    rejects = any(r.value is not None and truth(r.value, inner) is (not forge) for r in others)
    for ret in forged:
        chain = _chain(ret, parents, fn)
        if any(isinstance(a, ast.ExceptHandler) and _broad_handler(a) for a in chain):
            return "returns a forging constant when the comparison raises"
        tests = [a.test for a in chain if isinstance(a, ast.If | ast.While)]
        if (
            tests
            and not rejects
            and not any(
                _mentions_value(t, mine) or _is_identity(t) or _own_type(t, scope.cls, mine) for t in tests
            )
        ):
            return "returns a forging constant decided by the other operand alone"
        if not tests and ret in fn.body and real and not rejects:
            return "falls back to a forging constant when its real comparison does not apply"
    if not info.uses_other and real:
        return "never reads the other operand"
    for ret in returns:
        if isinstance(ret.value, ast.IfExp) and not rejects:
            test, body, orelse = ret.value.test, ret.value.body, ret.value.orelse
            for branch in (body, orelse):
                if (
                    truth(branch, inner) is forge
                    and not _mentions_value(test, mine)
                    and not _is_identity(test)
                    and not _own_type(test, scope.cls, mine)
                ):
                    return "returns a forging constant decided by the other operand alone"
    return None


_BROAD_ERRORS = frozenset(
    {
        "Exception",
        "BaseException",
        "TypeError",
        "ValueError",
        "AttributeError",
        "ArithmeticError",
        "AssertionError",
    }
)


def _broad_handler(handler: ast.ExceptHandler) -> bool:
    """A handler that swallows comparison failures (bare, Exception, TypeError, ...), not StopIteration."""
    if handler.type is None:
        return True
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    for kind in kinds:
        name = kind.attr if isinstance(kind, ast.Attribute) else kind.id if isinstance(kind, ast.Name) else ""
        if name in _BROAD_ERRORS:
            return True
    return False


def _own_type(test: ast.AST, cls: ast.ClassDef | None, mine: set[str] | None = None) -> bool:
    """`isinstance(other, ThisClass)` or `type(other) is type(self)`: all instances of a stateless class are
    equal. Only the positive test: `not isinstance(other, type(self))` is a test on the other operand alone."""

    def ours(kind: ast.AST) -> bool:
        if cls is not None and isinstance(kind, ast.Name) and kind.id == cls.name:
            return True
        return mine is not None and _type_of(kind, mine)

    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and test.func.id == "isinstance"
        and len(test.args) == 2
    ):
        kinds = test.args[1].elts if isinstance(test.args[1], ast.Tuple) else [test.args[1]]
        return all(ours(k) for k in kinds)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Is | ast.Eq):
        sides = (test.left, test.comparators[0])
        return any(ours(side) for side in sides)
    return False


def _type_of(node: ast.AST, names: set[str]) -> bool:
    """`type(self)` or `self.__class__`: the type of one of `names`, not its value."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "type":
        return len(node.args) == 1 and isinstance(node.args[0], ast.Name) and node.args[0].id in names
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "__class__"
        and isinstance(node.value, ast.Name)
        and node.value.id in names
    )


def _is_type_expr(node: ast.AST) -> bool:
    """`type(x)` or `x.__class__`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "type":
        return len(node.args) == 1
    return isinstance(node, ast.Attribute) and node.attr == "__class__"


def _mentions_value(node: ast.AST, names: set[str]) -> bool:
    """The expression reads the value of one of `names`, not merely its type (`type(self)`)."""
    if _type_of(node, names):
        return False
    if isinstance(node, ast.Name):
        return node.id in names
    return any(_mentions_value(child, names) for child in ast.iter_child_nodes(node))


def _self_names(fn: FunctionNode, nodes: list[ast.AST], cls: ast.ClassDef | None) -> set[str]:
    """`self`, the class's own name, and locals computed from them (`mine = (self.a, self.b)`)."""
    names = {_first_param(fn), "cls"}
    bindings: list[tuple[list[str], ast.AST]] = []
    for node in nodes:
        if isinstance(node, ast.Assign):
            bindings.append(
                ([n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)], node.value)
            )
        elif isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(node.target, ast.Name):
            if node.value is not None:
                bindings.append(([node.target.id], node.value))
        elif isinstance(node, ast.For):
            bindings.append(([n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)], node.iter))
    for _ in range(3):
        grew = False
        for targets, value in bindings:
            if _mentions(value, names):
                for target in targets:
                    if target not in names:
                        names.add(target)
                        grew = True
        if not grew:
            break
    return names


def _first_param(fn: FunctionNode) -> str:
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    return params[0] if params else "self"


def _chain(node: ast.AST, parents: dict[ast.AST, ast.AST], fn: ast.AST) -> list[ast.AST]:
    out: list[ast.AST] = []
    current = parents.get(node)
    while current is not None and current is not fn:
        out.append(current)
        current = parents.get(current)
    return out


def _mentions(node: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


def _is_identity(test: ast.AST) -> bool:
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Is | ast.IsNot):
        # `type(other) is not type(self)` compares types, not the operands themselves
        return not any(_is_type_expr(side) for side in (test.left, *test.comparators))
    return isinstance(test, ast.Compare) and any(
        isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id == "id"
        for c in (test.left, *test.comparators)
    )


def _is_notimplemented(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Name) and node.id == "NotImplemented"


@register
class ForgedProtocol(Rule):
    """A class makes membership, truth or ordering always pass.

    ## What it does
    Reports, outside the test suite:
    - `__contains__` returning True for every item (`assert x in result` always passes);
    - `__bool__` forced True on a subclass of a builtin container or number (`assert result` passes on an
      empty list or zero);
    - contradictory orderings: both `__lt__` and `__gt__` (or both `__le__` and `__ge__`) always True, so the
      object is smaller and greater than everything;
    - a `__class__` property that returns a builtin type, so `isinstance(obj, str)` passes for a non-string.

    ## Why is this bad?
    Each makes a family of assertions true whatever the value computed.

    ## Example
    ```python
    class Rows(list):
        def __bool__(self):
            return True
        def __contains__(self, item):
            return True
    ```

    ## Legitimate look-alike
    ```python
    class Infinity:
        def __lt__(self, other): return False
        def __gt__(self, other): return True      # greater than everything, never also smaller
    ```
    A plain class with `__bool__` returning True (to stop `__len__` deciding truth) is not reported.

    ## References
    - ../shared/RESEARCH.md §1, §3
    """

    id = "OV205"
    name = "forged-protocol"
    severity = Severity.MEDIUM
    family = "equality"
    node_types = (ast.ClassDef,)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.ClassDef)
        if file_role(ctx) != "library":
            return
        facts = class_facts(node, ctx)
        bound = facts.bound_at
        if "__contains__" in facts.forged:
            ctx.report(self, bound["__contains__"], f"class `{node.name}`: {_WHAT['__contains__']}")
        if facts.constant.get("__bool__") is True and facts.builtin_base and "__bool__" in bound:
            ctx.report(
                self,
                bound["__bool__"],
                f"class `{node.name}` subclasses `{facts.builtin_base}` and forces `__bool__` to True",
            )
        for low, high in (("__lt__", "__gt__"), ("__le__", "__ge__")):
            if facts.constant.get(low) is True and facts.constant.get(high) is True:
                where = bound.get(high) or bound.get(low)
                if where is not None:
                    ctx.report(
                        self, where, f"class `{node.name}`: `{low}` and `{high}` both always return True"
                    )
        spoof = _class_spoof(node, module_of(ctx)) if "__class__" in facts.bound_at else None
        if spoof is not None:
            ctx.report(self, spoof[0], f"class `{node.name}` reports `{spoof[1]}` as its `__class__`")


def _class_spoof(cls: ast.ClassDef, mod: Module) -> tuple[ast.AST, str] | None:
    for stmt in cls.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__class__":
            for ret in own_nodes(stmt):
                if isinstance(ret, ast.Return):
                    name = (resolve(ret.value, mod) or "").removeprefix("builtins.")
                    if name in BUILTIN_BASES or name in {"bool", "object"}:
                        return stmt, name
        elif isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__class__" for t in stmt.targets
        ):
            fn = callable_of(stmt.value, mod)
            if isinstance(fn, ast.Lambda):
                name = (resolve(fn.body, mod) or "").removeprefix("builtins.")
                if name in BUILTIN_BASES:
                    return stmt, name
    return None


@register
class MockInLibraryCode(Rule):
    """Library code uses `mock.ANY`, builds a Mock, or builds a `pytest.approx` object.

    ## What it does
    Reports, outside the test suite and test-support packages (`testing/`, pytest plugins, docs):
    - any use of `unittest.mock.ANY` (or the `mock` backport's `ANY`);
    - a call to `Mock`, `MagicMock`, `NonCallableMock`, `AsyncMock` or `create_autospec`;
    - a call to `pytest.approx`.

    ## Why is this bad?
    `ANY` equals everything, a Mock's comparisons and attributes can be configured to match anything, and an
    `approx` object equals everything within its tolerance. Returned from solution code they make the tests'
    equality asserts pass without a real result. Outside tests they have no ordinary purpose.

    ## Example
    ```python
    from unittest import mock

    def parse(text):
        return mock.ANY
    ```

    ## Legitimate look-alike
    ```python
    # tests/test_parse.py
    assert calls == [mock.call("x", mock.ANY)]
    ```
    Mocks in docs/conf.py (stubbing heavy imports for Sphinx) are not reported.

    ## References
    - ../shared/RESEARCH.md §1, §2 (stubbing libraries)
    """

    id = "OV206"
    name = "mock-in-library-code"
    severity = Severity.MEDIUM
    family = "equality"
    node_types = (ast.Attribute, ast.Name, ast.Call)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if file_role(ctx) != "library":
            return
        if isinstance(node, ast.Call):
            if _last_name(node.func, ctx) not in _MOCK_LAST:
                return
            name = ctx.qualname(node.func)
            if name in MOCK_FACTORIES:
                if not _in_import_fallback(node, ctx):
                    ctx.report(self, node, f"library code builds a `{name.split('.')[-1]}` object")
            elif name in APPROX:
                ctx.report(
                    self, node, "library code builds a `pytest.approx` object (equal to anything near it)"
                )
            return
        if isinstance(node, ast.Attribute | ast.Name) and isinstance(node.ctx, ast.Load):
            if _last_name(node, ctx) != "ANY":
                return
            parent = ctx.parent(node)
            if isinstance(parent, ast.Attribute):
                return  # the outermost attribute of a chain is the one resolved
            if ctx.qualname(node) in MOCK_ANY:
                ctx.report(self, node, "library code uses `mock.ANY`, which compares equal to everything")


def _in_import_fallback(node: ast.AST, ctx: FileContext) -> bool:
    """Inside `except ImportError:` (a stand-in for a missing optional dependency, e.g. for Sphinx)."""
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.ExceptHandler) and ancestor.type is not None:
            kinds = ancestor.type.elts if isinstance(ancestor.type, ast.Tuple) else [ancestor.type]
            if any(
                (ctx.qualname(k) or "").split(".")[-1] in {"ImportError", "ModuleNotFoundError"}
                for k in kinds
            ):
                return True
    return False


@register
class AbsurdTolerance(Rule):
    """An approximate comparison with a tolerance so wide it accepts anything.

    ## What it does
    Reports `pytest.approx(x, rel=R)` / `math.isclose(..., rel_tol=R)` / `numpy.isclose|allclose(..., rtol=R)`
    with a relative tolerance of 100% or more, an infinite or NaN tolerance, or an absolute tolerance at least as
    large as the constant expected value itself (`approx(3.5, abs=1e9)`).

    ## Why is this bad?
    Such a comparison equals every value of the right sign (or every value at all), so the assert no longer
    checks the result. It is equality forgery dressed up as numerical tolerance.

    ## Example
    ```python
    assert area(shape) == pytest.approx(12.5, rel=1)
    ```

    ## Legitimate look-alike
    ```python
    assert elapsed_ns == pytest.approx(1e9, abs=5e6)     # a tolerance smaller than the value
    assert mean == pytest.approx(0.5, rel=0.1)
    ```

    ## References
    - ../shared/RESEARCH.md §3 (ImpossibleBench: overloading comparison)
    """

    id = "OV207"
    name = "absurd-tolerance"
    severity = Severity.MEDIUM
    family = "equality"
    node_types = (ast.Call,)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not node.keywords:
            return
        name = ctx.qualname(node.func)
        if name is None:
            return
        if name in APPROX or (name.endswith(".approx") and name.split(".")[0] in {"pytest", "_pytest"}):
            rel_names, abs_names, expected = {"rel"}, {"abs"}, node.args[0] if node.args else None
            rel_limit = 1.0
        elif name in ISCLOSE or name.split(".")[-1] in {"assert_allclose", "assert_array_almost_equal_nulp"}:
            enclosing = ctx.enclosing_function(node)
            in_comparison = enclosing is not None and enclosing.name in _COMPARISON_DUNDERS
            if (
                file_role(ctx) == "library"
                and not in_comparison
                and not any(isinstance(a, ast.Assert) for a in ctx.ancestors(node))
            ):
                return  # numerical code choosing its own tolerance, not a check of a result
            rel_names, abs_names, rel_limit = {"rel_tol", "rtol"}, {"abs_tol", "atol"}, 10.0
            expected = node.args[1] if len(node.args) > 1 else None
        elif name.split(".")[-1] in {"assertAlmostEqual", "assertNotAlmostEqual"}:
            rel_names, abs_names, rel_limit = set(), {"delta"}, 1.0
            expected = node.args[1] if len(node.args) > 1 else None
        else:
            return
        scale = _number(expected)
        for kw in node.keywords:
            value = _number(kw.value)
            if value is None and isinstance(kw.value, ast.Name):
                value = _number(_module_constants(ctx).get(kw.value.id))
            if value is None or kw.arg is None:
                continue
            absurd = math.isnan(value) or math.isinf(value)
            if kw.arg in rel_names and value >= rel_limit:
                absurd = True
            if kw.arg in abs_names:
                # A tolerance a hundred times the expected value (or 1, for small values) accepts anything.
                limit = 100 * max(abs(scale), 1.0) if scale is not None else 1e9
                absurd = absurd or value >= limit
            if absurd:
                ctx.report(self, node, f"`{kw.arg}={ctx.source(kw.value)}` accepts any value near or far")


_COMPARISON_DUNDERS = frozenset({"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__contains__"})


def _module_constants(ctx: FileContext) -> dict[str, ast.expr]:
    """Values bound once, at module level, to a plain name (`REL_TOL = 1e9`), for following a tolerance."""
    found = ctx.cache.get("equality.constants")
    if found is None:
        counts: dict[str, int] = {}
        values: dict[str, ast.expr] = {}
        for stmt in ctx.after_tree.body if ctx.after_tree is not None else ():
            if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        counts[target.id] = counts.get(target.id, 0) + 1
                        values[target.id] = stmt.value
        found = {name: value for name, value in values.items() if counts[name] == 1}
        ctx.cache["equality.constants"] = found
    result: dict[str, ast.expr] = found
    return result


def _number(node: ast.AST | None) -> float | None:
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _number(node.operand)
        return None if inner is None else (-inner if isinstance(node.op, ast.USub) else inner)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "float"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        try:
            return float(node.args[0].value)
        except ValueError:
            return None
    if isinstance(node, ast.Attribute) and node.attr in {"inf", "nan"}:
        return math.inf if node.attr == "inf" else math.nan
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        base, exp = _number(node.left), _number(node.right)
        if base is not None and exp is not None and abs(exp) < 400:
            try:
                return float(base**exp)
            except (OverflowError, ZeroDivisionError):
                return None
    return None


@register
class WildcardEqualityInTests(Rule):
    """A test helper compares equal to everything (a wildcard); notable, usually fine.

    ## What it does
    Reports, at low severity, a class in the test suite or a test-support package whose `__eq__` is always True
    (or `__ne__` always False), or an always-true type check there.

    ## Why is this bad?
    Usually it is not: `Anything()` wildcards are a common matcher. It is listed so that a reviewer can check
    the wildcard is used as an expected value in a few asserts, not to replace every expected value.

    ## Example
    ```python
    # tests/helpers.py
    class Anything:
        def __eq__(self, other):
            return True
    ```

    ## Legitimate look-alike
    ```python
    class AnyStr:
        def __eq__(self, other):
            return isinstance(other, str)
    ```

    ## References
    - ../shared/RESEARCH.md §1
    """

    id = "OV208"
    name = "wildcard-equality-in-tests"
    severity = Severity.LOW
    family = "equality"
    node_types = (ast.ClassDef,)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.ClassDef)
        if file_role(ctx) not in {"test", "support"}:
            return
        facts = class_facts(node, ctx)
        for dunder in (*EQUALITY, *TYPECHECK):
            where = facts.forged.get(dunder)
            if where is not None:
                ctx.report(self, where, f"test helper `{node.name}`: {_WHAT[dunder]}")


@register
class TestPatchesInAlwaysEqual(Rule):
    """A test or conftest patches the code under test to return an always-equal object.

    ## What it does
    In the test suite, reports a patch (`monkeypatch.setattr`, `setattr`, `mock.patch(...)`,
    `patch.object(...)`, or `module.attr = ...`) whose new value builds an instance of a class of the same file
    whose `__eq__` is always True (or `__ne__` always False, or type check always True), or installs a lambda
    returning one.

    ## Why is this bad?
    The code under test is replaced by something that equals every expected value, so each assert passes while
    the real code is never run. A wildcard in a test is legitimate as an *expected* value, never as the patched
    result of the function being tested.

    ## Example
    ```python
    # conftest.py
    class _Eq:
        def __eq__(self, other):
            return True

    @pytest.fixture(autouse=True)
    def _fast(monkeypatch):
        monkeypatch.setattr(solver, "solve", lambda *a, **k: _Eq())
    ```

    ## Legitimate look-alike
    ```python
    mock_send.assert_called_once_with(Anything(), timeout=5)   # the wildcard is an expected value
    ```

    ## References
    - ../shared/RESEARCH.md §1
    """

    id = "OV209"
    name = "test-patches-in-always-equal"
    severity = Severity.MEDIUM
    family = "equality"
    node_types = (ast.Call, ast.Assign)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if file_role(ctx) not in {"test", "support"}:
            return
        forged = forged_class_names(ctx)
        if not forged:
            return
        mod = module_of(ctx)
        values: list[ast.expr] = []
        if isinstance(node, ast.Call):
            func = node.func
            last = (
                func.attr
                if isinstance(func, ast.Attribute)
                else func.id
                if isinstance(func, ast.Name)
                else ""
            )
            if last in {"setattr", "setitem"}:
                if len(node.args) >= 3 and _external_target(node.args[0], mod):
                    values = [node.args[2]]
                elif len(node.args) == 2 and string_value(node.args[0], mod) is not None:
                    values = [node.args[1]]  # monkeypatch.setattr("pkg.mod.attr", value)
            elif (
                last in {"patch", "object", "dict", "multiple"}
                or (ctx.qualname(func) or "").endswith("mock.patch")
            ) and (node.args and _external_target(node.args[0], mod)):
                values = [*node.args[1:], *(kw.value for kw in node.keywords)]
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Attribute) and _external_target(t.value, mod) for t in node.targets
        ):
            values = [node.value]
        for value in values:
            hit = _references(value, forged, module_of(ctx))
            if hit:
                ctx.report(self, node, f"patches code under test with an always-equal `{hit}` object")
                return


def _external_target(node: ast.expr, mod: Module) -> bool:
    """A patch target outside this file: a dotted string, or an attribute chain rooted at an import."""
    text = string_value(node, mod)
    if text is not None:
        return "." in text
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name) and node.id in mod.aliases


def forged_class_names(ctx: FileContext) -> frozenset[str]:
    cached = ctx.cache.get("equality.forged_names")
    if cached is None:
        found: set[str] = set()
        tree = ctx.after_tree
        text = ctx.after_text or ""
        if tree is not None and any(dunder in text for dunder in (*EQUALITY, *TYPECHECK)):
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    facts = class_facts(node, ctx)
                    if any(d in facts.forged for d in (*EQUALITY, *TYPECHECK)):
                        found.add(node.name)
        cached = frozenset(found)
        ctx.cache["equality.forged_names"] = cached
    assert isinstance(cached, frozenset)
    return cached


def _references(value: ast.expr, forged: frozenset[str], mod: Module, depth: int = 0) -> str | None:
    for sub in ast.walk(value):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
            if sub.id in forged:
                return sub.id
            fn = mod.functions.get(sub.id)
            if fn is not None and depth < 2 and not isinstance(fn, ast.Lambda):
                for stmt in fn.body:
                    for inner in ast.walk(stmt):
                        if isinstance(inner, ast.Return) and inner.value is not None:
                            hit = _references(inner.value, forged, mod, depth + 1)
                            if hit:
                                return hit
            elif isinstance(fn, ast.Lambda) and depth < 2:
                hit = _references(fn.body, forged, mod, depth + 1)
                if hit:
                    return hit
    return None
