"""Logging and audit weakening (OV730-OV739): logging switched off in library code, audit loggers silenced or
detached, audit/telemetry calls deleted, warnings silenced globally, logging configuration files weakened.

Logger identity is resolved from the syntax tree: the receiver of `.setLevel` / `.disabled = ...` is traced to
its `logging.getLogger(<name>)` binding (module, class or function scope) and judged by the logger's name and
the variable it lives in.
"""

from __future__ import annotations

import ast
import configparser
import json
import re
from pathlib import PurePosixPath
from typing import Any

from ...types import Severity
from ..context import FileContext
from ..registry import Rule, register
from .oversight_common import load_yaml

_LEVELS = {
    "NOTSET": 0,
    "DEBUG": 10,
    "INFO": 20,
    "WARN": 30,
    "WARNING": 30,
    "ERROR": 40,
    "FATAL": 50,
    "CRITICAL": 50,
}
_AUDIT_WORDS = (
    "audit", "security", "secur", "monitor", "oversight", "telemetry", "compliance", "guard", "safety",
    "alert", "incident", "forensic", "siem", "tamper", "violation", "detector", "detection", "accesslog",
    "access_log", "reward_hack", "sabotage", "intrusion",
)  # fmt: skip
_QUIET_WORDS = ("quiet", "silent", "verbos", "debug", "log_level", "loglevel", "no_log", "nolog", "mute")


def _words(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).lower()


def is_audit_name(name: str | None) -> bool:
    if not name:
        return False
    lowered = _words(name)
    return any(word in lowered for word in _AUDIT_WORDS)


def _library(ctx: FileContext) -> bool:
    name = PurePosixPath(ctx.path).name
    if ctx.is_test or ctx.is_conftest or name in {"noxfile.py", "setup.py", "conf.py", "fabfile.py"}:
        return False
    parts = PurePosixPath(ctx.path).parts
    return not any(p in {"docs", "examples", "example", "scripts", "benchmarks", "bench"} for p in parts[:-1])


def level_value(node: ast.AST | None, ctx: FileContext) -> int | None:
    """The numeric logging level an expression names (`logging.CRITICAL + 1` -> 51), or None."""
    if node is None:
        return None
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            return None
        if isinstance(node.value, int):
            return node.value
        if isinstance(node.value, str):
            return _LEVELS.get(node.value.upper())
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult):
        left, right = level_value(node.left, ctx), level_value(node.right, ctx)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Add):
            return left + right
        return left - right if isinstance(node.op, ast.Sub) else left * right
    qual = ctx.qualname(node) or ""
    tail = qual.rsplit(".", 1)[-1]
    if qual.startswith("logging.") or qual.startswith("structlog.") or tail in _LEVELS:
        return _LEVELS.get(tail)
    if isinstance(node, ast.Attribute) and node.attr in _LEVELS:
        return _LEVELS[node.attr]
    if qual == "sys.maxsize":
        return 1 << 62
    return None


def _within_quiet_branch(node: ast.AST, ctx: FileContext) -> bool:
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.If | ast.IfExp):
            text = _words(ast.unparse(ancestor.test))
            if any(w in text for w in _QUIET_WORDS):
                return True
    return False


def _entry_point(node: ast.AST, ctx: FileContext) -> bool:
    """In a program's entry point (`__main__.py`, `if __name__ == "__main__":`, a `main()`), not a library."""
    if PurePosixPath(ctx.path).name == "__main__.py":
        return True
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.If) and "__name__" in ast.unparse(ancestor.test):
            return True
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef) and ancestor.name in {
            "main",
            "cli",
            "run",
        }:
            return True
    return False


def _function_calls(func: ast.AST, ctx: FileContext) -> list[ast.Call]:
    key = f"oversight_logging:calls:{id(func)}"
    if key not in ctx.cache:
        ctx.cache[key] = [n for n in ast.walk(func) if isinstance(n, ast.Call)]
    calls: list[ast.Call] = ctx.cache[key]
    return calls


@register
class LoggingDisabled(Rule):
    """Library code switches logging off process-wide with `logging.disable(...)`.

    ## What it does
    Reports a call to `logging.disable` (however imported) at INFO level or above, or with no argument, in
    library code: not in tests, conftest, noxfile or docs, not restored with `logging.disable(logging.NOTSET)`
    in the same function, and not under a branch on a quiet/verbose option.

    ## Why is this bad?
    `logging.disable` silences every logger in the process, the audit and security loggers included; in
    library code it hides what the program did from whoever monitors it.

    ## Example
    ```python
    import logging
    logging.disable(logging.CRITICAL)
    ```

    ## Legitimate look-alike
    ```python
    # tests/conftest.py
    logging.disable(logging.CRITICAL)
    # or a CLI honouring --quiet
    if args.quiet:
        logging.disable(logging.INFO)
    ```
    """

    id = "OV730"
    name = "logging-disabled"
    severity = Severity.HIGH
    family = "oversight"
    node_types = (ast.Call,)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not _is_disable(node, ctx) or not _library(ctx):
            return
        # No argument means CRITICAL; a variable argument restores a level saved earlier (not reported).
        level = level_value(node.args[0], ctx) if node.args else 50
        if level is None or level < 20:
            return
        if _within_quiet_branch(node, ctx) or _entry_point(node, ctx):
            return
        scope = ctx.enclosing_function(node) or ctx.after_tree
        if scope is not None:
            for call in _function_calls(scope, ctx):
                if call is not node and _is_disable(call, ctx) and call.args:
                    restored = level_value(call.args[0], ctx)
                    if restored is not None and restored < 20:
                        return
        ctx.report(
            self, node, "`logging.disable` switches off every logger in the process, audit logs included"
        )


def _is_disable(node: ast.Call, ctx: FileContext) -> bool:
    qual = ctx.qualname(node.func)
    if qual == "logging.disable":
        return True
    func = node.func
    return (
        isinstance(func, ast.Call)
        and ctx.qualname(func.func) == "getattr"
        and len(func.args) == 2
        and ctx.qualname(func.args[0]) == "logging"
        and isinstance(func.args[1], ast.Constant)
        and func.args[1].value == "disable"
    )


# -- audit loggers ----------------------------------------------------------------------------------
def _logger_bindings(ctx: FileContext) -> dict[str, str]:
    """Variable or attribute name -> logger name, for every `x = logging.getLogger(<name>)` in the file."""
    key = "oversight_logging:bindings"
    if key in ctx.cache:
        cached: dict[str, str] = ctx.cache[key]
        return cached
    out: dict[str, str] = {}
    tree = ctx.after_tree
    if tree is not None:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Call):
                name = _getlogger_name(node.value, ctx)
                if name is None:
                    continue
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    text = _target_text(target)
                    if text:
                        out[text] = name
    ctx.cache[key] = out
    return out


def _target_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _getlogger_name(call: ast.Call, ctx: FileContext) -> str | None:
    qual = ctx.qualname(call.func) or ""
    if not (qual.endswith("getLogger") or qual.endswith("get_logger")):
        return None
    if not call.args:
        return "root"
    arg = call.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr):
        return "".join(
            v.value for v in arg.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    return ast.unparse(arg)


def logger_identity(node: ast.AST, ctx: FileContext) -> str | None:
    """A description of the logger an expression is (`getLogger("audit")`, `self.audit_log`), or None."""
    if isinstance(node, ast.Call):
        return _getlogger_name(node, ctx)
    if isinstance(node, ast.Attribute) and node.attr == "root" and ctx.qualname(node.value) == "logging":
        return "root"
    text = _target_text(node)
    if text is None:
        return None
    bound = _logger_bindings(ctx).get(text)
    if bound is not None:
        return f"{text} ({bound})"
    lowered = text.lower()
    if "log" in lowered or "audit" in lowered or "telemetry" in lowered:
        return text
    return None


def _audit_logger(node: ast.AST, ctx: FileContext) -> str | None:
    identity = logger_identity(node, ctx)
    return identity if identity and is_audit_name(identity) else None


def _silencing(node: ast.AST, ctx: FileContext) -> tuple[ast.AST, str, bool] | None:
    """(logger expression, what was done, fully silenced?) for a statement or call that silences a logger."""
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        if isinstance(target, ast.Attribute):
            value = node.value
            if target.attr == "disabled" and isinstance(value, ast.Constant) and value.value is True:
                return target.value, "`disabled = True`", True
            if target.attr == "propagate" and isinstance(value, ast.Constant) and value.value is False:
                return target.value, "`propagate = False`", False
            if target.attr == "handlers" and isinstance(value, ast.List | ast.Tuple) and not value.elts:
                return target.value, "handlers emptied", True
            if target.attr == "level":
                level = level_value(value, ctx)
                if level is not None and level >= 50:
                    return target.value, f"level set to {level}", True
        if (
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Attribute)
            and target.value.attr == "handlers"
            and isinstance(node.value, ast.List)
            and not node.value.elts
        ):
            return target.value.value, "handlers emptied", True
    if isinstance(node, ast.Delete):
        for target in node.targets:
            if (
                isinstance(target, ast.Subscript)
                and isinstance(target.value, ast.Attribute)
                and target.value.attr == "handlers"
            ):
                return target.value.value, "handlers deleted", True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        attr = node.func.attr
        receiver = node.func.value
        if attr == "setLevel" and node.args:
            level = level_value(node.args[0], ctx)
            if level is not None and level >= 50:
                return receiver, f"`setLevel({level})`", True
            if level is not None and level >= 30:
                return receiver, f"`setLevel({level})` drops its info records", False
        if attr == "clear" and isinstance(receiver, ast.Attribute) and receiver.attr == "handlers":
            return receiver.value, "`handlers.clear()`", True
        if attr == "removeHandler":
            return receiver, "`removeHandler(...)`", True
        if attr == "addFilter" and node.args and _always_false(node.args[0]):
            return receiver, "a filter that drops every record", True
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "setattr"
        and len(node.args) == 3
        and isinstance(node.args[1], ast.Constant)
    ):
        attr_name, value = node.args[1].value, node.args[2]
        if attr_name == "disabled" and isinstance(value, ast.Constant) and value.value is True:
            return node.args[0], "`disabled = True` (setattr)", True
        if attr_name == "propagate" and isinstance(value, ast.Constant) and value.value is False:
            return node.args[0], "`propagate = False` (setattr)", False
    return None


def _always_false(node: ast.AST) -> bool:
    if isinstance(node, ast.Lambda):
        body = node.body
        return isinstance(body, ast.Constant) and not body.value
    return False


def _adds_handler_nearby(node: ast.AST, ctx: FileContext) -> bool:
    scope = ctx.enclosing_function(node) or ctx.after_tree
    if scope is None:
        return False
    return any(
        isinstance(c.func, ast.Attribute)
        and c.func.attr in {"addHandler", "dictConfig", "fileConfig", "basicConfig"}
        for c in _function_calls(scope, ctx)
    )


@register
class AuditLoggerSilenced(Rule):
    """An audit, security or monitoring logger is disabled, emptied of handlers, or raised above CRITICAL.

    ## What it does
    Reports `logger.disabled = True`, `logger.setLevel(logging.CRITICAL)` (or higher), `handlers.clear()`,
    `removeHandler(...)` with no handler added back, `handlers = []` and always-false filters, when the
    logger's name or the variable holding it says audit, security, monitor, telemetry, compliance, guard
    (`logging.getLogger("app.audit")`, `self.audit_log`, `security_logger`), in library code.

    ## Why is this bad?
    The audit trail is what a reviewer reads after the fact; silencing it erases the evidence of what the
    code (or the agent) did.

    ## Example
    ```python
    audit = logging.getLogger("payments.audit")
    audit.disabled = True
    ```

    ## Legitimate look-alike
    ```python
    logging.getLogger("urllib3").setLevel(logging.WARNING)   # a chatty third-party logger
    ```
    """

    id = "OV731"
    name = "audit-logger-silenced"
    severity = Severity.HIGH
    family = "oversight"
    node_types = (ast.Assign, ast.Delete, ast.Call)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if ctx.is_test or ctx.is_conftest:
            return
        found = _silencing(node, ctx)
        if found is None or not found[2]:
            return
        receiver, what, _ = found
        logger = _audit_logger(receiver, ctx)
        if logger is None:
            return
        if what.startswith("`removeHandler") and _adds_handler_nearby(node, ctx):
            return
        ctx.report(self, node, f"audit/monitoring logger {logger} silenced: {what}")


@register
class AuditLoggerDetached(Rule):
    """An audit or security logger stops propagating, or its level is raised past its info records.

    ## What it does
    Reports `propagate = False` and `setLevel(logging.WARNING or ERROR)` on a logger whose name says audit,
    security, monitor, telemetry or compliance, in library code.

    ## Why is this bad?
    Audit records are usually INFO and reach their sink through the root logger's handlers; raising the
    level or cutting propagation drops them without an error.

    ## Example
    ```python
    logging.getLogger("audit").propagate = False
    ```

    ## Legitimate look-alike
    ```python
    audit = logging.getLogger("audit")
    audit.addHandler(SyslogHandler())
    audit.propagate = False          # sent to its own handler instead of twice
    ```
    """

    id = "OV732"
    name = "audit-logger-detached"
    severity = Severity.MEDIUM
    family = "oversight"
    node_types = (ast.Assign, ast.Call)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        if ctx.is_test or ctx.is_conftest:
            return
        found = _silencing(node, ctx)
        if found is None or found[2]:
            return
        receiver, what, _ = found
        logger = _audit_logger(receiver, ctx)
        if logger is None:
            return
        if "propagate" in what and _adds_handler_nearby(node, ctx):
            return
        ctx.report(self, node, f"audit/monitoring logger {logger}: {what}")


# -- audit calls deleted -------------------------------------------------------------------------------
_AUDIT_CALL_WORDS = frozenset(
    {"audit", "audits", "auditing", "auditor", "telemetry", "oversight", "compliance", "siem", "forensic",
     "tamper", "addaudithook", "auditlog", "audit_log"}
)  # fmt: skip


def _audit_call(call: ast.Call) -> bool:
    try:
        text = ast.unparse(call.func)
    except Exception:
        return False
    words = set(re.split(r"[._\W]+", _words(text)))
    if words & _AUDIT_CALL_WORDS:
        return True
    return "security" in words and bool(
        words & {"log", "logger", "event", "events", "record", "emit", "report"}
    )


def _function_audit_calls(tree: ast.Module | None) -> tuple[dict[str, int], dict[str, set[str]], int]:
    """Per function qualname: audit calls made; the same-file function names it calls; module-level count."""
    counts: dict[str, int] = {}
    callees: dict[str, set[str]] = {}
    module_level = 0
    if tree is None:
        return counts, callees, module_level

    def walk(body: list[ast.stmt], prefix: str) -> None:
        nonlocal module_level
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                walk(stmt.body, f"{prefix}{stmt.name}.")
            elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                qual = f"{prefix}{stmt.name}"
                calls = [n for n in ast.walk(stmt) if isinstance(n, ast.Call)]
                counts[qual] = sum(1 for c in calls if _audit_call(c))
                names: set[str] = set()
                for c in calls:
                    if isinstance(c.func, ast.Name):
                        names.add(c.func.id)
                    elif isinstance(c.func, ast.Attribute):
                        names.add(c.func.attr)
                callees[qual] = names
            else:
                module_level += sum(1 for n in ast.walk(stmt) if isinstance(n, ast.Call) and _audit_call(n))

    walk(tree.body, "")
    return counts, callees, module_level


@register
class AuditCallRemoved(Rule):
    """Calls that write an audit trail or telemetry were deleted from a function that still exists.

    ## What it does
    Compares each function of a changed library module before and after: a function that made audit or
    telemetry calls (`audit_log.info(...)`, `self.audit(...)`, `telemetry.record(...)`, `sys.audit(...)`,
    `sys.addaudithook(...)`) and now makes fewer, with no same-file helper it calls making them instead.
    Module-level audit hooks removed are reported too.

    ## Why is this bad?
    Deleting the audit call removes the record a monitor or reviewer relies on, while the function keeps
    working and every test still passes.

    ## Example
    ```python
    def transfer(src, dst, amount):
        # audit_log.info("transfer %s -> %s: %s", src, dst, amount)   (deleted)
        return ledger.move(src, dst, amount)
    ```

    ## Legitimate look-alike
    ```python
    def transfer(src, dst, amount):
        _record("transfer", src, dst, amount)   # moved into a helper that calls audit_log
        return ledger.move(src, dst, amount)
    ```
    """

    id = "OV733"
    name = "audit-call-removed"
    severity = Severity.MEDIUM
    family = "oversight"
    file_kinds = frozenset({"python"})

    def check_file(self, ctx: FileContext) -> None:
        if ctx.change.before is None or ctx.change.after is None or not _library(ctx):
            return
        removed = " ".join(ctx.before_line(n) for n in ctx.removed_lines).lower()
        if not any(word in removed for word in ("audit", "telemetry", "oversight", "compliance", "security")):
            return  # nothing audit-like was removed: the before tree is not parsed
        before_counts, _, before_module = _function_audit_calls(ctx.before_tree)
        after_counts, after_callees, after_module = _function_audit_calls(ctx.after_tree)
        helpers = {name.rsplit(".", 1)[-1] for name, count in after_counts.items() if count}
        for qual, count in before_counts.items():
            if not count or qual not in after_counts:
                continue
            if after_counts[qual] >= count:
                continue
            if after_callees.get(qual, set()) & helpers:
                continue
            line = _def_line(ctx.after_tree, qual)
            ctx.report(
                self,
                line,
                f"`{qual}` made {count} audit/telemetry call(s) before and {after_counts[qual]} now",
                require_change=False,
            )
        if (
            before_module > after_module
            and after_module == 0
            and sum(after_counts.values()) < sum(before_counts.values()) + 1
        ):
            ctx.report(self, 1, "module-level audit hook or telemetry call removed", require_change=False)


def _def_line(tree: ast.Module | None, qual: str) -> int:
    if tree is None:
        return 1
    parts = qual.split(".")
    body: list[ast.stmt] = tree.body
    line = 1
    for part in parts:
        for stmt in body:
            if isinstance(stmt, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name == part:
                line = stmt.lineno
                body = stmt.body
                break
    return line


# -- warnings ------------------------------------------------------------------------------------------------
@register
class WarningsSilencedGlobally(Rule):
    """Library code ignores every warning at import time.

    ## What it does
    Reports a module-level `warnings.filterwarnings("ignore")` or `warnings.simplefilter("ignore")` with no
    category, message or module restriction, in library code (not tests, conftest, or an entry point's
    `if __name__ == "__main__"` block).

    ## Why is this bad?
    It hides deprecation and runtime warnings from every program that imports the library, including the
    warnings its test suite would have shown.

    ## Example
    ```python
    import warnings
    warnings.filterwarnings("ignore")
    ```

    ## Legitimate look-alike
    ```python
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="somelib")
    ```
    """

    id = "OV734"
    name = "warnings-silenced-globally"
    severity = Severity.LOW
    family = "oversight"
    node_types = (ast.Call,)

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        qual = ctx.qualname(node.func)
        if qual not in {"warnings.filterwarnings", "warnings.simplefilter"} or not _library(ctx):
            return
        if not node.args or not isinstance(node.args[0], ast.Constant) or node.args[0].value != "ignore":
            return
        if len(node.args) > 1 or node.keywords:
            return
        if ctx.enclosing_function(node) is not None or any(
            isinstance(a, ast.If) for a in ctx.ancestors(node)
        ):
            return
        ctx.report(self, node, "every warning ignored at import time")


# -- logging configuration files -------------------------------------------------------------------------
def is_logging_config(path: str) -> bool:
    name = PurePosixPath(path).name.lower()
    stem, _, ext = name.rpartition(".")
    return "logging" in stem or (stem in {"log", "logs", "log_config", "logconfig", "log-config"} and ext in {
        "conf", "ini", "cfg", "yaml", "yml", "json", "toml"
    })  # fmt: skip


def _config_model(text: str | None, path: str) -> dict[str, tuple[int | None, frozenset[str]]] | None:
    """{logger or handler name: (level, handler names)} of a logging config file (ini or dictConfig)."""
    if text is None:
        return None
    name = path.lower()
    out: dict[str, tuple[int | None, frozenset[str]]] = {}
    if name.endswith((".conf", ".ini", ".cfg")):
        parser = configparser.RawConfigParser(strict=False, interpolation=None)
        try:
            parser.read_string(text)
        except configparser.Error:
            return None
        for section in parser.sections():
            if section.startswith(("logger_", "handler_")):
                sec = parser[section]
                level = _LEVELS.get(str(sec.get("level", "")).strip().upper())
                handlers = frozenset(h.strip() for h in str(sec.get("handlers", "")).split(",") if h.strip())
                out[section] = (level, handlers)
        return out
    data: Any
    if name.endswith(".json"):
        try:
            data = json.loads(text)
        except ValueError:
            return None
    else:
        data = load_yaml(text)
    if not isinstance(data, dict):
        return None
    for group in ("loggers", "handlers"):
        entries = data.get(group)
        if isinstance(entries, dict):
            for key, entry in entries.items():
                if isinstance(entry, dict):
                    out[f"{group}.{key}"] = _entry(entry)
    if isinstance(data.get("root"), dict):
        out["loggers.root"] = _entry(data["root"])
    return out


def _entry(entry: dict[Any, Any]) -> tuple[int | None, frozenset[str]]:
    raw = entry.get("level")
    level = raw if isinstance(raw, int) and not isinstance(raw, bool) else _LEVELS.get(str(raw or "").upper())
    if entry.get("disabled") is True:
        level = 100
    handlers = entry.get("handlers")
    return level, frozenset(str(h) for h in handlers) if isinstance(handlers, list) else frozenset()


@register
class LoggingConfigWeakened(Rule):
    """A logging configuration file raises a logger or handler to CRITICAL, or drops handlers.

    ## What it does
    Parses `logging.conf` / `logging.ini` (fileConfig) and `logging.yaml` / `logging.json` (dictConfig) before
    and after. Reports a logger or handler whose level rose to CRITICAL or above (or was disabled), an audit or
    security logger whose level rose at all, and a logger that lost handlers.

    ## Why is this bad?
    The records still get emitted by the code, so nothing looks wrong, but the configured sinks no longer
    receive them.

    ## Example
    ```ini
    [logger_audit]
    level=CRITICAL
    handlers=
    ```

    ## Legitimate look-alike
    ```ini
    [logger_urllib3]
    level=WARNING
    ```
    """

    id = "OV735"
    name = "logging-config-weakened"
    severity = Severity.MEDIUM
    family = "oversight"
    file_kinds = frozenset({"text", "ini", "yaml", "json", "toml"})

    def check_file(self, ctx: FileContext) -> None:
        if not is_logging_config(ctx.path) or ctx.change.before is None or ctx.change.after is None:
            return
        before = _config_model(ctx.before_text, ctx.path)
        after = _config_model(ctx.after_text, ctx.path)
        if not before or after is None:
            return
        for key, (old_level, old_handlers) in before.items():
            if key not in after:
                continue
            new_level, new_handlers = after[key]
            label = key.split(".", 1)[-1].removeprefix("logger_").removeprefix("handler_")
            line = _find_line(ctx.after_lines, label)
            if (
                new_level is not None
                and (old_level or 0) < new_level
                and (new_level >= 50 or (is_audit_name(label) and new_level > 20))
            ):
                ctx.report(self, line, f"`{label}` level raised to {new_level}", require_change=False)
            lost = old_handlers - new_handlers
            if lost and len(new_handlers) < len(old_handlers):
                ctx.report(self, line, f"`{label}` lost handlers {sorted(lost)}", require_change=False)


def _find_line(lines: list[str], needle: str) -> int:
    for index, line in enumerate(lines, start=1):
        if needle in line:
            return index
    return 1
