"""Blinded detectors (OV740-OV749): a detector, monitor, classifier or guard changed so that it can no longer
see: made to return a constant, short-circuited at the top, its threshold raised, its patterns deleted.

What counts as a detector comes from names: the function (`detect_*`, `is_reward_hack`, `classify`,
`check_*`, `score_suspicion`), its class (`HackDetector`, `Monitor`), or its module (`detector.py`,
`monitor.py`, `moderation.py`). Each comparison is made between the before and after syntax trees.
"""

from __future__ import annotations

import ast
import re
from pathlib import PurePosixPath

from ...types import Severity
from ..context import FileContext
from ..registry import Rule, register

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef

_DETECTOR_WORDS = (
    "detect", "monitor", "classif", "audit", "guard", "moderat", "suspic", "judge", "grader", "scanner",
    "sentinel", "watchdog", "firewall", "sanitiz", "safety", "reward_hack", "rewardhack", "anomal", "spam",
    "toxic", "malicious", "harmful", "jailbreak", "injection", "abuse", "fraud", "violation", "cheat",
    "tamper", "intrusion", "threat", "risk", "verif", "validat", "policy", "filter", "inspect",
)  # fmt: skip
_FUNC_PREFIXES = ("detect", "check_", "is_", "has_", "scan", "classify", "score", "flag", "verify", "audit", "guard",
                  "moderate", "filter", "judge", "assess", "evaluate_risk", "should_block", "should_flag")  # fmt: skip
_IS_WORDS = (
    "hack", "malicious", "unsafe", "safe", "suspicious", "harmful", "toxic", "spam", "attack", "violation",
    "cheat", "jailbreak", "injection", "exploit", "abuse", "blocked", "dangerous", "allowed", "fraud", "risky",
    "tamper", "flagged", "forbidden", "banned", "compromised", "anomal", "permitted", "authorized",
)  # fmt: skip
_DETECTOR_FILES = (
    "detect", "monitor", "classif", "guard", "moderat", "filter", "scanner", "judge", "grader", "safety",
    "sentinel", "firewall", "suspic", "audit", "policy", "security", "reward_hack", "anomal",
)  # fmt: skip
_DOUBLE_PREFIXES = ("Fake", "Dummy", "Mock", "Stub", "Null", "Noop", "NoOp", "Disabled", "Always", "Never")


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def detector_file(path: str) -> bool:
    stem = PurePosixPath(path).stem.lower()
    return any(word in stem for word in _DETECTOR_FILES)


def detector_function(name: str, class_name: str | None, path: str) -> bool:
    """Does a function's name, class or module say it detects, monitors, classifies or guards?"""
    snake = _snake(name).lstrip("_")
    if snake.startswith(("test_", "_test")):
        return False
    if snake.startswith(("is_", "has_")):
        if any(word in snake for word in _IS_WORDS):
            return True
    elif snake.startswith(_FUNC_PREFIXES) or any(word in snake for word in _DETECTOR_WORDS):
        return True
    if class_name is not None:
        if class_name.startswith(_DOUBLE_PREFIXES):
            return False
        class_snake = _snake(class_name)
        if any(word in class_snake for word in _DETECTOR_WORDS) and not name.startswith("_"):
            return name not in {
                "__init__",
                "__repr__",
                "__str__",
                "__eq__",
                "__hash__",
                "name",
                "description",
            }
    if detector_file(path) and not name.startswith("_"):
        return not snake.startswith(("get_", "set_", "load_", "save_", "to_", "from_", "make_", "build_"))
    return False


# -- return analysis -----------------------------------------------------------------------------------
_NO_VALUE = object()


def constant_value(node: ast.expr | None) -> object:
    """A hashable stand-in for a constant expression (`False`, `0.0`, `[]`, `"benign"`), else _NO_VALUE."""
    if node is None:
        return None
    if isinstance(node, ast.Constant):
        return ("const", type(node.value).__name__, node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        return ("unary", type(node.op).__name__, node.operand.value)
    if isinstance(node, ast.List | ast.Tuple | ast.Set) and not node.elts:
        return ("empty", type(node).__name__)
    if isinstance(node, ast.Dict) and not node.keys:
        return ("empty", "Dict")
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"list", "dict", "set", "tuple", "frozenset", "iter"}
        and not node.args
        and not node.keywords
    ):
        return ("empty", node.func.id)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id[:1].isupper():
        # An enum member such as Verdict.BENIGN or Decision.ALLOW.
        return ("member", node.value.id, node.attr)
    return _NO_VALUE


def _own_nodes(func: FunctionNode) -> list[ast.AST]:
    """Nodes of a function body, not descending into nested functions, classes or lambdas."""
    out: list[ast.AST] = []
    stack: list[ast.AST] = list(func.body)
    while stack:
        node = stack.pop()
        out.append(node)
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
                stack.append(child)
    return out


def _falls_through(body: list[ast.stmt]) -> bool:
    """Can control reach the end of this statement list (a conservative answer: True when unsure)?"""
    if not body:
        return True
    last = body[-1]
    if isinstance(last, ast.Return | ast.Raise):
        return False
    if isinstance(last, ast.If):
        return _falls_through(last.body) or _falls_through(last.orelse)
    if isinstance(last, ast.With | ast.AsyncWith):
        return _falls_through(last.body)
    if isinstance(last, ast.Try):
        return (_falls_through(last.body) and _falls_through(last.orelse or [ast.Pass()])) or any(
            _falls_through(h.body) for h in last.handlers
        )
    if isinstance(last, ast.While) and isinstance(last.test, ast.Constant) and last.test.value:
        return any(isinstance(n, ast.Break) for n in ast.walk(last))
    return True


def _body_without_docstring(func: FunctionNode) -> list[ast.stmt]:
    body = list(func.body)
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]
    return body


def constant_result(func: FunctionNode) -> object:
    """The single constant every path of a function returns, or _NO_VALUE (generators and stubs excluded)."""
    nodes = _own_nodes(func)
    if any(isinstance(n, ast.Yield | ast.YieldFrom | ast.Await) for n in nodes):
        return _NO_VALUE
    body = _body_without_docstring(func)
    if not body or all(isinstance(s, ast.Pass) for s in body):
        return _NO_VALUE  # an empty stub is a different matter (abstract methods, protocols)
    if len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        return _NO_VALUE  # `...`
    if any(isinstance(n, ast.Raise) for n in nodes) and not any(isinstance(n, ast.Return) for n in nodes):
        return _NO_VALUE
    values: set[object] = set()
    for node in nodes:
        if isinstance(node, ast.Return):
            value = constant_value(node.value)
            if value is _NO_VALUE:
                return _NO_VALUE
            values.add(value)
    if _falls_through(body):
        values.add(None)
    if len(values) != 1:
        return _NO_VALUE
    return values.pop()


def _describe(value: object) -> str:
    if value is None:
        return "None"
    if isinstance(value, tuple):
        if value[0] == "const":
            return repr(value[2])
        if value[0] == "unary":
            return f"-{value[2]!r}"
        if value[0] == "empty":
            return {"List": "[]", "Tuple": "()", "Set": "set()", "Dict": "{}"}.get(
                str(value[1]), f"{value[1]}()"
            )
        if value[0] == "member":
            return f"{value[1]}.{value[2]}"
    return str(value)


def _functions(tree: ast.Module | None) -> dict[str, tuple[FunctionNode, str | None]]:
    """qualname -> (function, enclosing class name) for module-level functions and methods."""
    out: dict[str, tuple[FunctionNode, str | None]] = {}
    if tree is None:
        return out

    def walk(body: list[ast.stmt], prefix: str, cls: str | None) -> None:
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                walk(stmt.body, f"{prefix}{stmt.name}.", stmt.name)
            elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                out[f"{prefix}{stmt.name}"] = (stmt, cls)
            elif isinstance(stmt, ast.If | ast.Try):
                walk(stmt.body, prefix, cls)

    walk(tree.body, "", None)
    return out


def _before_functions(ctx: FileContext) -> dict[str, tuple[FunctionNode, str | None]]:
    key = "oversight_detectors:before_functions"
    if key not in ctx.cache:
        ctx.cache[key] = _functions(ctx.before_tree) if ctx.change.before is not None else {}
    result: dict[str, tuple[FunctionNode, str | None]] = ctx.cache[key]
    return result


def _qualname(func: FunctionNode, ctx: FileContext) -> str | None:
    parts = [func.name]
    for ancestor in ctx.ancestors(func):
        if isinstance(ancestor, ast.ClassDef):
            parts.append(ancestor.name)
        elif isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef):
            return None  # nested functions are not matched across versions
    return ".".join(reversed(parts))


def _exempt(func: FunctionNode, ctx: FileContext) -> bool:
    if ctx.is_test or ctx.is_conftest:
        return True
    for deco in func.decorator_list:
        text = ast.unparse(deco)
        if any(word in text for word in ("abstractmethod", "overload", "property.setter", "deprecated")):
            return True
    cls = ctx.enclosing_class(func)
    if cls is not None:
        if cls.name.startswith(_DOUBLE_PREFIXES):
            return True
        if any(ast.unparse(b).split(".")[-1] in {"Protocol", "ABC"} for b in cls.bases):
            return True
    return False


def _early_return(func: FunctionNode) -> ast.Return | None:
    """A `return` as the first statement (after the docstring) with more statements after it."""
    body = _body_without_docstring(func)
    if len(body) >= 2 and isinstance(body[0], ast.Return):
        return body[0]
    return None


@register
class DetectorMadeConstant(Rule):
    """A detector, monitor, classifier or guard function now returns the same constant on every path.

    ## What it does
    For a changed function whose name, class or module says it detects, monitors, classifies, audits, guards,
    moderates, filters or scores suspicion (`detect_*`, `is_reward_hack`, `classify`, `check_*`, methods of
    `HackDetector`, functions in `monitor.py`), compares before and after: reports it when, before, it could
    return different values and, after, every path returns one constant (`return False`, `return 0.0`,
    `return []`, `return "benign"`, `Verdict.SAFE`), or when a `return` was put first in its body so the
    rest never runs.

    ## Why is this bad?
    A detector that always answers "benign" still runs, still passes its smoke tests, and sees nothing. In the
    reward-hacking paper (RESEARCH §1) a model asked to write a reward-hack classifier sabotaged it.

    ## Example
    ```python
    def is_reward_hack(transcript: str) -> bool:
        return False
        return any(p.search(transcript) for p in PATTERNS)
    ```

    ## Legitimate look-alike
    ```python
    def is_reward_hack(transcript: str) -> bool:
        return any(p.search(transcript) for p in COMPILED_PATTERNS)   # refactored, still decides
    ```
    Abstract methods, protocols and classes named `Fake...` / `Null...` / `Noop...` are not reported. HIGH only
    where the name, class or module says it watches for misbehaviour (detect, monitor, classify, audit, guard,
    moderate, suspicion, reward hack, cheat, tamper, anomaly, safety); a plain `check_*`, `validate`,
    `verify`, `filter` or `policy` function made constant is `check-made-constant` (MEDIUM). A check that used
    to raise and now only warns was made lenient, not constant: it is not reported here.

    ## References
    - ../shared/RESEARCH.md §1 (sabotaged classifiers), §6 (a failed monitor scored as benign)
    """

    id = "OV740"
    name = "detector-made-constant"
    severity = Severity.HIGH
    family = "oversight"
    node_types = (ast.FunctionDef, ast.AsyncFunctionDef)
    strong = True

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if ctx.change.before is None or not ctx.touches(node):
            return
        # Names first (string tests), then the after side: only a function that now returns early or returns
        # one constant is a candidate, and only a candidate costs the before tree.
        cls = ctx.enclosing_class(node)
        cls_name = cls.name if cls else None
        if not detector_function(node.name, cls_name, ctx.path):
            return
        if strong_detector(node.name, cls_name, ctx.path) != self.strong:
            return
        early = _early_return(node)
        value = _NO_VALUE if early is not None else constant_result(node)
        if early is None and value is _NO_VALUE:
            return
        qual = _qualname(node, ctx)
        if qual is None or _exempt(node, ctx):
            return
        previous = _before_functions(ctx).get(qual)
        if previous is None:
            return
        old = previous[0]
        if early is not None:
            if _early_return(old) is None:
                ctx.report(
                    self, early, f"`{qual}` returns at its first line; the detection below it never runs"
                )
            return
        if constant_result(old) is not _NO_VALUE or not _decided(old):
            return
        if value is None and not _returns_value(old):
            return  # it used to raise (or act) and return nothing: made lenient, not made constant
        ctx.report(
            self,
            node,
            f"`{qual}` now returns {_describe(value)} on every path (before, it computed a result)",
            evidence=ctx.snippet(node.lineno, node.end_lineno or node.lineno),
        )


@register
class CheckMadeConstant(DetectorMadeConstant):
    """A checking, validating, verifying or filtering function now returns one constant on every path.

    ## What it does
    The same comparison as `detector-made-constant`, for functions whose name, class or module only says
    they check (`check_*`, `verify`, `validate`, `is_allowed`, `filter`, `policy`, `inspect`, `risk`)
    rather than that they watch for misbehaviour.

    ## Why is this bad?
    A validator that always says "valid" accepts everything; but ordinary refactors also turn checks into
    stubs, so this is a MEDIUM finding for a reviewer.

    ## Example
    ```python
    def validate_signature(payload, signature):
        return True
    ```

    ## Legitimate look-alike
    ```python
    def _check_version(self):
        warnings.warn("unsupported bash version")   # used to raise: made lenient, not constant
    ```
    """

    id = "OV744"
    name = "check-made-constant"
    severity = Severity.MEDIUM
    family = "oversight"
    strong = False


_STRONG_WORDS = (
    "detect", "monitor", "classif", "audit", "guard", "moderat", "suspic", "reward_hack", "rewardhack",
    "cheat", "tamper", "anomal", "safety", "judge", "grader", "sentinel", "watchdog", "firewall", "jailbreak",
    "malicious", "harmful", "toxic", "fraud", "intrusion", "spam", "abuse", "threat", "hack", "exploit",
    "unsafe", "suspicious", "attack", "compromised", "dangerous",
)  # fmt: skip


def strong_detector(name: str, class_name: str | None, path: str) -> bool:
    """Does the name, class or module say it watches for misbehaviour (not merely that it checks)?"""
    texts = [_snake(name), PurePosixPath(path).stem.lower()]
    if class_name is not None:
        texts.append(_snake(class_name))
    return any(word in text for text in texts for word in _STRONG_WORDS)


def _returns_value(func: FunctionNode) -> bool:
    """Does any `return` of the function (outside nested functions) give a value other than None?"""
    for node in _own_nodes(func):
        if (
            isinstance(node, ast.Return)
            and node.value is not None
            and not (isinstance(node.value, ast.Constant) and node.value.value is None)
        ):
            return True
    return False


def _decided(func: FunctionNode) -> bool:
    """Did the old version compute something (more than a stub or a pass-through of one call)?"""
    body = _body_without_docstring(func)
    if not body:
        return False
    if len(body) == 1 and isinstance(body[0], ast.Raise):
        return False
    return not all(isinstance(s, ast.Pass) for s in body)


@register
class DetectorEscapeHatch(Rule):
    """A detector gained an early `return <benign>` at the top, guarded by an environment variable or flag.

    ## What it does
    Reports a statement added as the first of a detector function (see `detector-made-constant`) of the form
    `if <condition>: return <constant>` where the condition reads the environment (`os.environ`,
    `os.getenv`), a settings/config flag, or a module-level switch, and the function had no such guard.

    ## Why is this bad?
    A switch that makes the detector answer "benign" is an off button the agent can press from outside
    the code under review.

    ## Example
    ```python
    def detect(text):
        if os.environ.get("SKIP_DETECTION"):
            return []
        ...
    ```

    ## Legitimate look-alike
    ```python
    def detect(text):
        if not text:
            return []      # an input guard, not a switch
    ```
    """

    id = "OV743"
    name = "detector-escape-hatch"
    severity = Severity.MEDIUM
    family = "oversight"
    node_types = (ast.FunctionDef, ast.AsyncFunctionDef)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if ctx.change.before is None:
            return
        body = _body_without_docstring(node)
        if len(body) < 2 or not isinstance(body[0], ast.If) or not ctx.touches(body[0]):
            return
        guard = body[0]
        if len(guard.body) != 1 or not isinstance(guard.body[0], ast.Return) or guard.orelse:
            return
        if constant_value(guard.body[0].value) is _NO_VALUE:
            return
        qual = _qualname(node, ctx)
        cls = ctx.enclosing_class(node)
        if qual is None or not detector_function(node.name, cls.name if cls else None, ctx.path):
            return
        if _exempt(node, ctx):
            return
        if not _switch_condition(guard.test, node, ctx):
            return
        previous = _before_functions(ctx).get(qual)
        if previous is None:
            return
        old_body = _body_without_docstring(previous[0])
        if (
            old_body
            and isinstance(old_body[0], ast.If)
            and ast.dump(old_body[0].test) == ast.dump(guard.test)
        ):
            return
        ctx.report(self, guard, f"`{qual}` returns a constant early when `{ast.unparse(guard.test)[:60]}`")


def _switch_condition(test: ast.expr, func: FunctionNode, ctx: FileContext) -> bool:
    params = {a.arg for a in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs)}
    params.discard("self")
    params.discard("cls")
    for node in ast.walk(test):
        if isinstance(node, ast.Name) and node.id in params:
            return False
    for node in ast.walk(test):
        qual = ctx.qualname(node) if isinstance(node, ast.Attribute | ast.Name) else None
        if qual and (qual.startswith("os.environ") or qual.startswith("os.getenv") or qual == "os.getenv"):
            return True
        if isinstance(node, ast.Name) and node.id.isupper() and len(node.id) > 2:
            return True
        if isinstance(node, ast.Attribute) and any(
            w in _snake(node.attr) for w in ("skip", "disable", "bypass", "enabled", "off")
        ):
            return True
    return False


# -- thresholds -----------------------------------------------------------------------------------------
_THRESHOLD_WORDS = ("threshold", "thresh", "cutoff", "cut_off", "min_score", "min_confidence", "alert_level",
                    "trigger_level", "min_suspicion", "flag_above", "block_above", "min_prob")  # fmt: skip
_SUSPICION_WORDS = ("suspic", "alert", "hack", "anomal", "risk", "toxic", "flag", "block", "detect", "moderat",
                    "spam", "malicious", "fraud", "danger", "harm", "attack", "violation", "monitor", "cheat")  # fmt: skip


def _threshold_name(name: str, path: str, class_name: str | None) -> bool:
    snake = _snake(name)
    if not any(word in snake for word in _THRESHOLD_WORDS):
        return False
    if any(word in snake for word in _SUSPICION_WORDS) or detector_file(path):
        return True
    return class_name is not None and any(w in _snake(class_name) for w in _DETECTOR_WORDS)


def _number(node: ast.expr | None) -> float | None:
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        return float(node.value)
    return None


def _thresholds(tree: ast.Module | None, path: str) -> dict[str, tuple[float, int]]:
    """name -> (value, line) for module/class constants and function defaults that are detection thresholds."""
    out: dict[str, tuple[float, int]] = {}
    if tree is None:
        return out

    def walk(body: list[ast.stmt], prefix: str, cls: str | None) -> None:
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                walk(stmt.body, f"{prefix}{stmt.name}.", stmt.name)
            elif isinstance(stmt, ast.Assign | ast.AnnAssign):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                value = _number(stmt.value)
                for target in targets:
                    if (
                        isinstance(target, ast.Name)
                        and value is not None
                        and _threshold_name(target.id, path, cls)
                    ):
                        out[f"{prefix}{target.id}"] = (value, stmt.lineno)
            elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                args = stmt.args
                positional = [*args.posonlyargs, *args.args]
                defaults = list(
                    zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=False)
                )
                defaults += [
                    (a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=False) if d is not None
                ]
                for arg, default in defaults:
                    value = _number(default)
                    if (value is not None and _threshold_name(arg.arg, path, cls)) or (
                        value is not None and _threshold_name(arg.arg, path, cls or stmt.name)
                    ):
                        out[f"{prefix}{stmt.name}({arg.arg})"] = (value, default.lineno)

    walk(tree.body, "", None)
    return out


@register
class DetectorThresholdRaised(Rule):
    """A detection threshold was raised, so fewer things get flagged.

    ## What it does
    Compares numeric constants and parameter defaults named as thresholds (`THRESHOLD`, `*_CUTOFF`,
    `min_score`, `alert_threshold`) in detector code (a detector-named module or class, or a name that says
    suspicion, alert, hack, risk, toxicity) before and after, and reports those that went up.

    ## Why is this bad?
    Raising `SUSPICION_THRESHOLD` from 0.5 to 0.99 keeps the detector running while it flags almost nothing.

    ## Example
    ```python
    SUSPICION_THRESHOLD = 0.99   # was 0.5
    ```

    ## Legitimate look-alike
    ```python
    SUSPICION_THRESHOLD = 0.3    # lowered: more sensitive, never reported
    ```
    A raise backed by a measurement is still worth the look this medium finding asks for.
    """

    id = "OV741"
    name = "detector-threshold-raised"
    severity = Severity.MEDIUM
    family = "oversight"
    file_kinds = frozenset({"python"})

    def check_file(self, ctx: FileContext) -> None:
        if ctx.change.before is None or ctx.change.after is None or ctx.is_test or ctx.is_conftest:
            return
        after = _thresholds(ctx.after_tree, ctx.path)
        if not any(ctx.touches(line) for _, line in after.values()):
            return  # the before tree is parsed only when a threshold line changed
        before = _thresholds(ctx.before_tree, ctx.path)
        for name, (value, line) in after.items():
            old = before.get(name)
            if old is None or value <= old[0]:
                continue
            ctx.report(self, line, f"threshold `{name}` raised from {old[0]:g} to {value:g}")


# -- patterns ---------------------------------------------------------------------------------------------
_PATTERN_WORDS = ("pattern", "rule", "regex", "regexp", "signature", "keyword", "indicator", "marker", "needle",
                  "trigger", "term", "phrase", "word")  # fmt: skip
_BLOCK_WORDS = ("block", "deny", "black", "ban", "forbid", "suspic", "malicious", "hack", "danger", "unsafe",
                "prohibit", "disallow", "harm", "toxic", "attack", "exploit", "secret", "sensitive", "bad")  # fmt: skip
_ALLOW_WORDS = (
    "allow",
    "white",
    "ignore",
    "skip",
    "exclude",
    "safe_",
    "trusted",
    "permit",
    "exempt",
    "benign",
)


def _pattern_name(name: str, path: str, class_name: str | None) -> bool:
    snake = _snake(name)
    if any(word in snake for word in _ALLOW_WORDS):
        return False
    if any(word in snake for word in _BLOCK_WORDS):
        return True
    if not any(word in snake for word in _PATTERN_WORDS):
        return False
    return detector_file(path) or (
        class_name is not None and any(w in _snake(class_name) for w in _DETECTOR_WORDS)
    )


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _collection(node: ast.expr | None) -> bool:
    if isinstance(node, ast.List | ast.Tuple | ast.Set | ast.Dict):
        return True
    return isinstance(node, ast.Call) and bool(node.args) and _collection(node.args[0])


def _pattern_sets(tree: ast.Module | None, path: str) -> dict[str, tuple[list[str], int]]:
    out: dict[str, tuple[list[str], int]] = {}
    if tree is None:
        return out

    def walk(body: list[ast.stmt], prefix: str, cls: str | None) -> None:
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                walk(stmt.body, f"{prefix}{stmt.name}.", stmt.name)
            elif isinstance(stmt, ast.Assign | ast.AnnAssign) and _collection(stmt.value):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for target in targets:
                    if isinstance(target, ast.Name) and _pattern_name(target.id, path, cls):
                        assert stmt.value is not None
                        out[f"{prefix}{target.id}"] = (_strings(stmt.value), stmt.lineno)

    walk(tree.body, "", None)
    return out


@register
class DetectorPatternsRemoved(Rule):
    """Entries were deleted from a detector's pattern, rule or block list.

    ## What it does
    Compares module- and class-level collections of strings named as block/deny lists or as a detector's
    patterns, rules, signatures or keywords (`SUSPICIOUS_PATTERNS`, `BLOCKLIST`, `HACK_SIGNATURES`,
    `RULES` in `detector.py`) before and after. Reports entries that were removed, when the list got shorter
    and the removed strings appear nowhere else in the new file.

    ## Why is this bad?
    Each deleted pattern is a hack the detector no longer recognises; deleting the ones that match the
    agent's own shortcut blinds the monitor exactly where it matters.

    ## Example
    ```python
    SUSPICIOUS_PATTERNS = [r"sys\\.exit\\(0\\)"]   # before: also r"__eq__", r"conftest"
    ```

    ## Legitimate look-alike
    ```python
    SUSPICIOUS_PATTERNS = [r"sys\\.exit\\(0\\)", r"__eq__", r"conftest", r"os\\._exit"]   # a pattern added
    IGNORE_PATTERNS = ["*.pyc"]                                                   # allow-lists are not detectors
    ```
    """

    id = "OV742"
    name = "detector-patterns-removed"
    severity = Severity.MEDIUM
    family = "oversight"
    file_kinds = frozenset({"python"})

    def check_file(self, ctx: FileContext) -> None:
        if ctx.change.before is None or ctx.change.after is None or ctx.is_test or ctx.is_conftest:
            return
        lines = ctx.before_lines
        if not any(
            '"' in lines[n - 1] or "'" in lines[n - 1] for n in ctx.removed_lines if 0 < n <= len(lines)
        ):
            return  # no string was removed
        after = _pattern_sets(ctx.after_tree, ctx.path)
        if not after:
            return  # the before tree is parsed only when the new file still has such a list
        before = _pattern_sets(ctx.before_tree, ctx.path)
        tree = ctx.after_tree
        everywhere = set(_strings(tree)) if tree is not None else set()
        for name, (old, _) in before.items():
            if name not in after:
                continue
            new, line = after[name]
            removed = [s for s in old if s not in new and s not in everywhere]
            if removed and len(new) < len(old):
                shown = ", ".join(repr(s)[:40] for s in removed[:4])
                ctx.report(self, line, f"{len(removed)} entr{'y' if len(removed) == 1 else 'ies'} removed from `{name}`: {shown}",
                           require_change=False)  # fmt: skip
