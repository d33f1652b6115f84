"""Shared analysis for the test-framework rules (OV301-OV349): names, constants, attribute writes, hooks.

This module registers no rule. It answers, per file and memoised in `ctx.cache`:
- what a dotted expression is bound to (imports, `importlib.import_module`, `getattr`, `sys.modules[...]`, and
  plain re-bindings such as `TR = TestReport` or `original = TestReport.from_item_and_call`);
- which string constants an expression can evaluate to (constants, module names bound to constants, `IfExp`,
  `or`, concatenation, f-strings without fields);
- every attribute *write* a statement or call performs, however it is spelled (`a.b = v`, `setattr(a, "b", v)`,
  `monkeypatch.setattr(a, "b", v)`, `mock.patch("a.b")`, `a.__dict__["b"] = v`, `vars(a).update(b=v)`);
- which pytest hook a function implements (by name or `hookimpl(specname=...)`), and whether it is a wrapper.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

from ..context import FileContext
from ..names import import_bindings

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef

# Public pytest names whose replacement changes how tests run or are reported (from `pytest.__all__`).
PYTEST_API = frozenset(
    {
        "CallInfo", "Class", "CollectReport", "Collector", "Config", "Dir", "Directory", "DoctestItem",
        "ExceptionInfo", "ExitCode", "File", "FixtureDef", "FixtureRequest", "Function", "Item", "Module",
        "Package", "PytestPluginManager", "Session", "TerminalReporter", "TestReport", "TestShortLogReport",
        "approx", "cmdline", "console_main", "deprecated_call", "exit", "fail", "fixture", "hookimpl",
        "importorskip", "main", "raises", "RaisesExc", "RaisesGroup", "register_assert_rewrite", "skip",
        "warns", "xfail", "Approx", "MonkeyPatch",
    }
)  # fmt: skip
FRAMEWORK_ROOTS = frozenset({"pytest", "_pytest", "pluggy", "unittest", "builtins", "sys"})
# Components of a patched pytest target that decide a test's verdict (HIGH); other internals are MEDIUM.
VERDICT_PARTS = frozenset(
    {
        "reports", "runner", "outcomes", "TestReport", "CollectReport", "CallInfo", "runtest", "Function",
        "Item", "python", "main", "terminal", "TerminalReporter", "skipping", "fail", "skip", "xfail", "exit",
        "raises", "approx", "warns", "importorskip", "Session", "ExitCode", "unittest", "doctest",
        "from_item_and_call", "from_call", "call_and_report", "runtestprotocol", "pytest_runtest_makereport",
        "pytest_pyfunc_call", "_multicall", "_callers", "_hooks", "_result", "Result", "TestShortLogReport",
        "RaisesExc", "RaisesGroup", "console_main", "cmdline", "_manager", "hook",
    }
)  # fmt: skip


def decides_verdict(target: str) -> bool:
    """A patched pytest/pluggy target that can change whether tests pass (reports, runner, outcomes...)."""
    parts = target.split(".")
    return parts[0] == "pluggy" or any(part in VERDICT_PARTS for part in parts[1:])


REPORT_HINTS = ("TestReport", "reports", "runner", "CallInfo", "outcomes", "from_item_and_call", "terminal")
_MAX_STRINGS = 16


# -- names ----------------------------------------------------------------------------------------------
class Names:
    """Resolves expressions of one file to dotted origins; built once per file from the whole after tree."""

    def __init__(self, tree: ast.Module | None) -> None:
        self.aliases: dict[str, str] = {"__builtins__": "builtins"}
        self.strings: dict[str, set[str]] = {}
        if tree is None:
            return
        pending: list[tuple[str, ast.expr]] = []
        for node in statements(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for name, origin in import_bindings(node):
                    self.aliases.setdefault(name, origin)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                value = node.value
                if value is None:
                    continue
                for target in targets:
                    if isinstance(target, ast.Name):
                        if isinstance(value, ast.Constant) and isinstance(value.value, str):
                            self.strings.setdefault(target.id, set()).add(value.value)
                        else:
                            pending.append((target.id, value))
        roots = FRAMEWORK_ROOTS | {origin.split(".")[0] for origin in self.aliases.values()}
        for _ in range(3):  # re-bindings of re-bindings
            changed = False
            for name, value in pending:
                if name in self.aliases:
                    continue
                resolved = self.resolve(value)
                if resolved is not None and resolved.split(".")[0] in roots and resolved != name:
                    self.aliases[name] = resolved
                    changed = True
            if not changed:
                break
        # Names bound to an expression of known strings (`status = "pass" + "ed"`).
        for name, value in pending:
            values = self.string_values(value)
            if values:
                self.strings.setdefault(name, set()).update(values)

    def resolve(self, node: ast.AST | None, depth: int = 0) -> str | None:
        """Dotted origin of a Name/Attribute chain, `import_module("m")`, `getattr(x, "a")`, `sys.modules["m"]`."""
        if node is None or depth > 12:
            return None
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value, depth + 1)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, ast.Call):
            func = self.resolve(node.func, depth + 1)
            if func in {"importlib.import_module", "import_module"} and node.args:
                return self.single_string(node.args[0])
            if func in {"__import__", "builtins.__import__"} and node.args:
                module = self.single_string(node.args[0])
                if module is None:
                    return None
                fromlist = node.args[3] if len(node.args) > 3 else _keyword(node, "fromlist")
                return module if fromlist is not None and _truthy(fromlist) else module.split(".")[0]
            if func in {"getattr", "builtins.getattr"} and len(node.args) >= 2:
                base = self.resolve(node.args[0], depth + 1)
                attr = self.single_string(node.args[1])
                return f"{base}.{attr}" if base and attr else None
            if func in {"vars", "builtins.vars"} and len(node.args) == 1:
                return self.resolve(node.args[0], depth + 1)
            return None
        if isinstance(node, ast.Subscript):
            base = self.resolve(node.value, depth + 1)
            key = self.single_string(node.slice)
            if base == "sys.modules" and key:
                return key
            if base in {"builtins.__dict__", "builtins"} and key:
                return f"builtins.{key}"
            if base and base.endswith(".__dict__") and key:
                return f"{base[: -len('.__dict__')]}.{key}"
        return None

    def string_values(self, node: ast.AST | None, depth: int = 0) -> set[str]:
        """Every string the expression can evaluate to, as far as constants tell (empty when unknown)."""
        if node is None or depth > 8:
            return set()
        if isinstance(node, ast.Constant):
            return {node.value} if isinstance(node.value, str) else set()
        if isinstance(node, ast.Name):
            return set(self.strings.get(node.id, ()))
        if isinstance(node, ast.IfExp):
            return self.string_values(node.body, depth + 1) | self.string_values(node.orelse, depth + 1)
        if isinstance(node, ast.BoolOp):
            out: set[str] = set()
            for value in node.values:
                out |= self.string_values(value, depth + 1)
            return out
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self.string_values(node.left, depth + 1)
            right = self.string_values(node.right, depth + 1)
            joined = {a + b for a in left for b in right}
            return joined if len(joined) <= _MAX_STRINGS else set()
        if isinstance(node, ast.JoinedStr):
            parts: list[str] = []
            for value in node.values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    parts.append(value.value)
                elif isinstance(value, ast.FormattedValue):
                    inner = self.string_values(value.value, depth + 1)
                    if len(inner) != 1:
                        return set()
                    parts.append(next(iter(inner)))
            return {"".join(parts)}
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and not node.args
            and node.func.attr in {"lower", "strip"}
        ):
            return {s.lower() for s in self.string_values(node.func.value, depth + 1)}
        return set()

    def single_string(self, node: ast.AST | None) -> str | None:
        values = self.string_values(node)
        return next(iter(values)) if len(values) == 1 else None


_BODY_FIELDS = ("body", "orelse", "finalbody", "handlers", "cases")


def statements(tree: ast.AST) -> Iterator[ast.AST]:
    """Every statement of a tree (at any depth), without visiting expressions: imports and bindings live
    in statements, and skipping expressions makes this several times cheaper than `ast.walk`."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        for name in _BODY_FIELDS:
            children = getattr(node, name, None)
            if children:
                stack.extend(children)


def names_of(ctx: FileContext) -> Names:
    """The file's resolver, built once."""
    cached = ctx.cache.get("framework.names")
    if cached is None:
        cached = Names(ctx.after_tree)
        ctx.cache["framework.names"] = cached
    assert isinstance(cached, Names)
    return cached


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    return _keyword(call, name)


def _truthy(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return bool(node.value)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return bool(node.elts)
    return True


def is_truthy_constant(node: ast.expr | None) -> bool:
    """A literal that is true (`True`, `1`, `"x"`, a non-empty literal container)."""
    if node is None:
        return False
    if isinstance(node, ast.Constant):
        return bool(node.value)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return bool(node.elts)
    if isinstance(node, ast.Dict):
        return bool(node.keys)
    return False


def is_empty_collection(node: ast.expr | None) -> bool:
    """`[]`, `()`, `list()`, `tuple()`, `set()`."""
    if isinstance(node, ast.List | ast.Tuple | ast.Set) and not node.elts:
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.args and not node.keywords:
        return node.func.id in {"list", "tuple", "set"}
    return False


# -- attribute writes -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Write:
    """One attribute write: `target` is the dotted origin when it can be resolved (`pkg.Class.attr`)."""

    node: ast.AST
    obj: ast.expr | None
    attr: str
    value: ast.expr | None
    target: str | None
    scoped: bool  # monkeypatch / mock.patch: undone after the test


def writes(node: ast.AST, names: Names) -> list[Write]:
    """Attribute writes performed by an assignment or call node (empty for anything else)."""
    out: list[Write] = []
    if isinstance(node, ast.Assign):
        for target in node.targets:
            _assign_target(node, target, node.value, names, out)
    elif isinstance(node, ast.AnnAssign | ast.AugAssign):
        if node.value is not None:
            _assign_target(node, node.target, node.value, names, out)
    elif isinstance(node, ast.Call):
        _call_writes(node, names, out)
    return out


def _assign_target(
    stmt: ast.AST, target: ast.expr, value: ast.expr | None, names: Names, out: list[Write]
) -> None:
    if isinstance(target, ast.Tuple | ast.List):
        values: list[ast.expr | None]
        if isinstance(value, ast.Tuple | ast.List) and len(value.elts) == len(target.elts):
            values = list(value.elts)
        else:
            values = [None] * len(target.elts)
        for sub, sub_value in zip(target.elts, values, strict=True):
            _assign_target(stmt, sub, sub_value, names, out)
        return
    if isinstance(target, ast.Attribute):
        base = names.resolve(target.value)
        out.append(
            Write(stmt, target.value, target.attr, value, f"{base}.{target.attr}" if base else None, False)
        )
    elif isinstance(target, ast.Subscript):
        key = names.single_string(target.slice)
        if key is None:
            return
        holder = target.value
        # x.__dict__["a"] = v, vars(x)["a"] = v
        obj: ast.expr | None = None
        if isinstance(holder, ast.Attribute) and holder.attr == "__dict__":
            obj = holder.value
        elif (
            isinstance(holder, ast.Call)
            and names.resolve(holder.func) in {"vars", "builtins.vars"}
            and holder.args
        ):
            obj = holder.args[0]
        if obj is not None:
            base = names.resolve(obj)
            out.append(Write(stmt, obj, key, value, f"{base}.{key}" if base else None, False))
            return
        base = names.resolve(holder)
        if base == "sys.modules":
            out.append(Write(stmt, None, key, value, f"sys.modules.{key}", False))
        elif base == "builtins" or (isinstance(holder, ast.Name) and holder.id == "__builtins__"):
            out.append(Write(stmt, None, key, value, f"builtins.{key}", False))


_SETATTR = frozenset({"setattr", "builtins.setattr", "object.__setattr__", "type.__setattr__"})


def _call_writes(call: ast.Call, names: Names, out: list[Write]) -> None:
    func = call.func
    resolved = names.resolve(func)
    args = call.args
    last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if resolved in _SETATTR and len(args) >= 2:
        _named_write(call, args[0], args[1], args[2] if len(args) > 2 else None, names, False, out)
        return
    if last == "setattr" and isinstance(func, ast.Attribute):  # monkeypatch.setattr(...)
        if args and len(args) == 2 and _is_dotted_string(args[0], names):
            dotted = names.single_string(args[0]) or ""
            attr = dotted.rpartition(".")[2]
            out.append(Write(call, None, attr, args[1], dotted, True))
        elif len(args) >= 2:
            value = args[2] if len(args) > 2 else _keyword(call, "value")
            _named_write(call, args[0], args[1], value, names, True, out)
        return
    if last == "patch" and args and _is_dotted_string(args[0], names):  # mock.patch("a.b.c", ...)
        dotted = names.single_string(args[0]) or ""
        value = args[1] if len(args) > 1 else _keyword(call, "new")
        out.append(Write(call, None, dotted.rpartition(".")[2], value, dotted, True))
        return
    if isinstance(func, ast.Attribute) and last == "object" and _attr_name(func.value) == "patch":
        if len(args) >= 2:  # mock.patch.object(obj, "name", new)
            value = args[2] if len(args) > 2 else _keyword(call, "new")
            _named_write(call, args[0], args[1], value, names, True, out)
        return
    if isinstance(func, ast.Attribute) and last == "multiple" and _attr_name(func.value) == "patch":
        if args:
            base = (
                names.resolve(args[0])
                if not _is_dotted_string(args[0], names)
                else names.single_string(args[0])
            )
            for kw in call.keywords:
                if kw.arg:
                    out.append(
                        Write(call, args[0], kw.arg, kw.value, f"{base}.{kw.arg}" if base else None, True)
                    )
        return
    if last == "update" and isinstance(func, ast.Attribute):  # x.__dict__.update(a=v), vars(x).update(...)
        holder = func.value
        obj: ast.expr | None = None
        if isinstance(holder, ast.Attribute) and holder.attr == "__dict__":
            obj = holder.value
        elif (
            isinstance(holder, ast.Call)
            and names.resolve(holder.func) in {"vars", "builtins.vars"}
            and holder.args
        ):
            obj = holder.args[0]
        if obj is None:
            return
        base = names.resolve(obj)
        pairs: list[tuple[str, ast.expr]] = [(kw.arg, kw.value) for kw in call.keywords if kw.arg]
        for arg in args:
            if isinstance(arg, ast.Dict):
                for key, value in zip(arg.keys, arg.values, strict=True):
                    text = names.single_string(key) if key is not None else None
                    if text:
                        pairs.append((text, value))
        for attr, value in pairs:
            out.append(Write(call, obj, attr, value, f"{base}.{attr}" if base else None, False))


def _named_write(
    call: ast.Call,
    obj: ast.expr,
    name: ast.expr,
    value: ast.expr | None,
    names: Names,
    scoped: bool,
    out: list[Write],
) -> None:
    attr = names.single_string(name)
    if attr is None:
        return
    base = names.resolve(obj)
    out.append(Write(call, obj, attr, value, f"{base}.{attr}" if base else None, scoped))


def _is_dotted_string(node: ast.expr, names: Names) -> bool:
    text = names.single_string(node)
    return text is not None and "." in text and " " not in text


def _attr_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


# -- framework targets ----------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def classify_target(target: str | None) -> str | None:
    """What a written dotted target belongs to: "pytest", "assertion", "unittest", "module", or None."""
    if not target:
        return None
    parts = target.split(".")
    root = parts[0]
    if len(parts) < 2:
        return None
    if root == "_pytest":
        return "assertion" if parts[1] == "assertion" else "pytest"
    if root == "pytest":
        return "pytest" if parts[1] in PYTEST_API else None
    if root == "pluggy":
        return "pytest" if len(parts) >= 3 else None
    if root == "builtins":
        return "assertion" if parts[1] == "AssertionError" else None
    if root == "sys" and parts[1] == "modules" and len(parts) >= 3:
        module_root = parts[2]
        return "module" if module_root in {"pytest", "_pytest", "pluggy", "unittest"} else None
    if root == "unittest":
        if parts[1] == "mock":
            return None
        return "unittest" if _unittest_has(parts[1:]) and _unittest_verdict(parts[1:]) else None
    return None


def _unittest() -> ModuleType:
    """unittest, imported only when a change names it (a guard hook should not pay for it)."""
    import unittest

    return unittest


@lru_cache(maxsize=1)
def _testcase_verdict() -> frozenset[str]:
    return frozenset(
        name
        for name in dir(_unittest().TestCase)
        if name.startswith(("assert", "fail"))
        or name in {"run", "debug", "_callTestMethod", "failureException", "__call__", "_outcome", "_addSkip"}
    )


_CASE_CLASSES = frozenset({"TestCase", "IsolatedAsyncioTestCase", "FunctionTestCase"})
_RUN_CLASSES = frozenset(
    {"TestResult", "TextTestResult", "TextTestRunner", "TestSuite", "TestProgram", "BaseTestSuite"}
)
_RUN_MODULES = frozenset({"case", "result", "runner", "suite", "main", "async_case"})


def _unittest_verdict(path: list[str]) -> bool:
    """`unittest.<path>` decides verdicts: TestCase assertions / run, result and runner classes, `main`.

    Display knobs (`TestCase.maxDiff`, `util._MAX_LENGTH`) and the loader's naming are not verdicts.
    """
    if path and path[0] in _RUN_MODULES and len(path) > 1:
        path = path[1:]
    if not path:
        return False
    head = path[0]
    if len(path) == 1:
        return head in _CASE_CLASSES | _RUN_CLASSES | {"main", "TestProgram"}
    if head in _CASE_CLASSES:
        return path[1] in _testcase_verdict()
    if head not in _RUN_CLASSES:
        return False
    if head == "TestProgram":
        return path[1] == "runTests"  # argument parsing and discovery knobs decide no verdict
    member = getattr(getattr(_unittest(), head, None), path[1], None)
    return callable(member) or path[1] in {"resultclass", "failfast"}


def _unittest_has(path: list[str]) -> bool:
    """True when `unittest.<path>` names something that exists (replacing it, not adding a helper)."""
    obj: object = _unittest()
    for part in path:
        if not hasattr(obj, part):
            return False
        obj = getattr(obj, part)
    return True


def value_functions(value: ast.expr | None) -> set[str]:
    """Names of functions a patch installs: `f`, `classmethod(f)`, `wraps(orig)(f)`, `partial(f, ...)`."""
    out: set[str] = set()
    while value is not None:
        if isinstance(value, ast.Name):
            out.add(value.id)
            return out
        if isinstance(value, ast.Call):
            if value.args:
                for arg in value.args:
                    if isinstance(arg, ast.Name):
                        out.add(arg.id)
                value = value.args[0] if not isinstance(value.args[0], ast.Name) else None
                continue
            return out
        return out
    return out


def framework_patch_functions(ctx: FileContext) -> frozenset[str]:
    """Names of functions this file installs over pytest / unittest internals (memoised, whole tree)."""
    cached = ctx.cache.get("framework.patch_functions")
    if cached is None:
        names = names_of(ctx)
        found: set[str] = set()
        tree = ctx.after_tree
        if tree is not None:
            for stmt in statements(tree):
                candidates: list[ast.AST] = [stmt]
                if isinstance(stmt, ast.Expr | ast.Assign | ast.AnnAssign) and stmt.value is not None:
                    candidates += [n for n in ast.walk(stmt.value) if isinstance(n, ast.Call)]
                elif isinstance(stmt, ast.With | ast.AsyncWith):
                    candidates += [
                        n for i in stmt.items for n in ast.walk(i.context_expr) if isinstance(n, ast.Call)
                    ]
                for node in candidates:
                    for write in writes(node, names):
                        if classify_target(write.target):
                            found |= value_functions(write.value)
        cached = frozenset(found)
        ctx.cache["framework.patch_functions"] = cached
    assert isinstance(cached, frozenset)
    return cached


# -- hooks ----------------------------------------------------------------------------------------------
def hook_name(fn: ast.AST, names: Names) -> str | None:
    """The pytest hook a function implements: `hookimpl(specname=...)` or its own `pytest_*` name."""
    if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    for decorator in fn.decorator_list:
        if isinstance(decorator, ast.Call):
            spec = _keyword(decorator, "specname")
            if spec is not None:
                text = names.single_string(spec)
                if text:
                    return text
    return fn.name if fn.name.startswith("pytest_") else None


def is_wrapper(fn: FunctionNode) -> bool:
    """A hook wrapper: `hookimpl(hookwrapper=True)` / `(wrapper=True)`, or a generator hook."""
    for decorator in fn.decorator_list:
        if isinstance(decorator, ast.Call):
            for kw in decorator.keywords:
                if kw.arg in {"hookwrapper", "wrapper"} and is_truthy_constant(kw.value):
                    return True
    return any(isinstance(node, ast.Yield | ast.YieldFrom) for node in own_nodes(fn))


def own_nodes(fn: FunctionNode | ast.Lambda) -> Iterator[ast.AST]:
    """Nodes of a function's body, not descending into nested functions, lambdas or classes."""
    stack: list[ast.AST] = list(fn.body) if not isinstance(fn, ast.Lambda) else [fn.body]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
                stack.append(child)


def positional_params(fn: FunctionNode) -> list[str]:
    params = [arg.arg for arg in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)]
    if params and params[0] in {"self", "cls"}:
        params = params[1:]
    return params


def is_test_function(fn: FunctionNode) -> bool:
    return fn.name.startswith("test")


def is_fixture(fn: FunctionNode, names: Names) -> bool:
    for decorator in fn.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        resolved = names.resolve(target) or ""
        if resolved.endswith("fixture") or resolved.endswith("yield_fixture"):
            return True
    return False


def enclosing_functions(node: ast.AST, ctx: FileContext) -> list[FunctionNode]:
    """Enclosing functions, innermost first (only for nodes reached by the engine's walk)."""
    return [a for a in ctx.ancestors(node) if isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef)]


def hook_of(node: ast.AST, ctx: FileContext) -> tuple[str, FunctionNode] | None:
    """The innermost enclosing pytest hook (or function installed over framework internals) of a node."""
    names = names_of(ctx)
    patched: frozenset[str] | None = None
    for fn in enclosing_functions(node, ctx):
        hook = hook_name(fn, names)
        if hook:
            return hook, fn
        if patched is None:
            patched = framework_patch_functions(ctx)
        if fn.name in patched:
            return "<patched>", fn
    return None


def is_pytest_file(ctx: FileContext) -> bool:
    """A conftest, or a file that imports pytest / pluggy or defines pytest hooks."""
    cached = ctx.cache.get("framework.is_pytest")
    if cached is None:
        cached = ctx.is_conftest
        if not cached:
            names = names_of(ctx)
            cached = any(v.split(".")[0] in {"pytest", "_pytest", "pluggy"} for v in names.aliases.values())
        if not cached and ctx.after_tree is not None:
            cached = any(
                isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name.startswith("pytest_")
                for n in statements(ctx.after_tree)
            )
        ctx.cache["framework.is_pytest"] = cached
    return bool(cached)


def calls_in(fn: FunctionNode) -> list[ast.Call]:
    """Calls in a function's own body (memo-free: hooks are small)."""
    return [node for node in own_nodes(fn) if isinstance(node, ast.Call)]


def raises_again(handler: ast.ExceptHandler, names: Names) -> bool:
    """A handler that re-raises or fails the test (`raise`, `pytest.fail(...)`, `pytest.exit(...)`)."""
    for node in ast.walk(handler):
        if isinstance(node, ast.Raise):
            return True
        if isinstance(node, ast.Call):
            resolved = names.resolve(node.func) or ""
            if resolved.split(".")[-1] in {"fail", "exit"} or resolved.endswith("force_exception"):
                return True
    return False


BROAD_EXCEPTIONS = frozenset(
    {
        "Exception", "BaseException", "AssertionError", "builtins.Exception", "builtins.BaseException",
        "builtins.AssertionError", "_pytest.outcomes.Failed", "_pytest.outcomes.OutcomeException",
        "pytest.fail.Exception", "Failed", "OutcomeException",
    }
)  # fmt: skip


def catches_failures(handler: ast.ExceptHandler, names: Names) -> bool:
    """A handler that catches test failures: bare, Exception, BaseException, AssertionError, Failed."""
    kind = handler.type
    if kind is None:
        return True
    kinds = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    return any((names.resolve(k) or "") in BROAD_EXCEPTIONS for k in kinds)


ENV_DIRS = frozenset({".venv", "venv", ".tox", ".nox", "site-packages", "dist-packages", ".eggs"})
FRAMEWORK_PACKAGES = frozenset({"_pytest", "pytest", "pluggy", "unittest"})


def framework_package_of(path: str) -> str | None:
    """The test-framework package a file belongs to (`_pytest/runner.py` -> `_pytest`), if any."""
    parts = path.split("/")[:-1]
    for part in parts:
        if part in FRAMEWORK_PACKAGES:
            return part
    return None


def in_environment(path: str) -> bool:
    """A file inside a virtual environment or installed packages (not the project's own source)."""
    return any(part in ENV_DIRS for part in path.split("/")[:-1])


def is_framework_source(ctx: FileContext) -> bool:
    """The project *is* the test framework (pytest's, pluggy's or CPython's own source): its internals are
    its own to change, so the patching rules do not apply. Installed copies are OV317's business."""
    cached = ctx.cache.get("framework.is_source")
    if cached is None:
        cached = framework_package_of(ctx.path) is not None and not in_environment(ctx.path)
        ctx.cache["framework.is_source"] = cached
    return bool(cached)


# Words without which a file cannot reach a test framework (imports, hooks, dynamic imports, builtins). A
# file holding none of them is skipped by the Python rules of this family: a cost filter, not a detector.
_RELEVANT_WORDS = (
    "pytest", "unittest", "pluggy", "builtins", "sys.modules", "import_module", "__import__", "TestCase",
    "TestResult", "TestReport", "exitstatus",
)  # fmt: skip


SKIP_KEY = "framework.skip"


def skip_file(ctx: FileContext) -> bool:
    """The Python rules of this family have nothing to look at in this file.

    Memoised under `SKIP_KEY`: the hot `visit` methods read the flag themselves and call this only for a
    file not yet classified, so each node costs one dict look-up."""
    cached = ctx.cache.get(SKIP_KEY)
    if cached is None:
        text = ctx.after_text or ""
        cached = is_framework_source(ctx) or not (
            ctx.is_conftest or any(word in text for word in _RELEVANT_WORDS)
        )
        ctx.cache[SKIP_KEY] = cached
    return bool(cached)


def writes_of(node: ast.AST, ctx: FileContext) -> list[Write]:
    """`writes(node)`, memoised per node (several rules ask about the same statement)."""
    key = id(node)
    memo: dict[int, list[Write]] = ctx.cache.setdefault("framework.writes", {})
    found = memo.get(key)
    if found is None:
        found = writes(node, names_of(ctx))
        memo[key] = found
    return found
