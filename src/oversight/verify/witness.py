"""The witness: a pytest plugin and start-up script run inside the process under test.

It records each test's raw outcome (the exception the test itself raised, before any report is built), the
collection, skips and their origin, operands that claim equality with anything, and the integrity of
pytest's own internals, and sends each record over a pipe, authenticated with a per-run key that arrives
over a second pipe and never touches the environment, argv or disk. The parent judges; this file only
observes. It is run as a script (`python -I witness.py ...`) in the child, so it imports nothing from
`oversight` and only the standard library before pytest.
"""

from __future__ import annotations

import sys

_PRELOADED = frozenset(sys.modules)

import contextlib  # noqa: E402
import hashlib  # noqa: E402
import hmac  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sysconfig  # noqa: E402
import time  # noqa: E402
import types  # noqa: E402
import unittest  # noqa: E402
from typing import Any  # noqa: E402

import pluggy  # noqa: E402
import pytest  # noqa: E402

# pluggy 1.2 brought new-style wrappers (a plain generator, cheaper than the old result-object protocol).
NEW_STYLE_WRAPPERS = tuple(int(p) for p in pluggy.__version__.split(".")[:2] if p.isdigit()) >= (1, 2)

# Captured before any code under test can run, so later monkeypatching of os/json/hmac cannot reach us.
_write = os.write
_dumps = json.dumps
_hmac_new = hmac.new
_sha256 = hashlib.sha256
_getframe = sys._getframe
_perf = time.perf_counter

CRITICAL = (
    ("_pytest.reports", "TestReport", "from_item_and_call"),
    ("_pytest.reports", "TestReport", "__init__"),
    ("_pytest.reports", "CollectReport", "__init__"),
    ("_pytest.runner", None, "call_and_report"),
    ("_pytest.runner", None, "call_runtest_hook"),
    ("_pytest.runner", None, "runtestprotocol"),
    ("_pytest.runner", None, "pytest_runtest_makereport"),
    ("_pytest.runner", None, "pytest_runtest_call"),
    ("_pytest.runner", "CallInfo", "from_call"),
    ("_pytest.python", None, "pytest_pyfunc_call"),
    ("_pytest.python", "Function", "runtest"),
    ("_pytest.unittest", "TestCaseFunction", "runtest"),
    ("_pytest.skipping", None, "pytest_runtest_makereport"),
    ("_pytest.skipping", None, "evaluate_skip_marks"),
    ("_pytest.skipping", None, "evaluate_xfail_marks"),
    ("_pytest.main", "Session", "perform_collect"),
    ("_pytest.terminal", "TerminalReporter", "pytest_runtest_logreport"),
    ("pluggy._callers", None, "_multicall"),
    ("pluggy._hooks", "HookCaller", "__call__"),
    ("unittest.case", "TestCase", "run"),
)
WATCHED_MODULES = (
    "_pytest.reports",
    "_pytest.runner",
    "_pytest.python",
    "_pytest.main",
    "_pytest.skipping",
    "_pytest.outcomes",
    "_pytest.unittest",
    "_pytest.fixtures",
    "_pytest.nodes",
    "_pytest.terminal",
    "_pytest.assertion",
    "_pytest.assertion.rewrite",
    "_pytest.assertion.util",
    "_pytest.python_api",
    "_pytest.config",
    "pluggy._callers",
    "pluggy._hooks",
    "pluggy._manager",
    "pluggy._result",
    "unittest.case",
    "builtins",
)
CRITICAL_HOOKS = (
    "pytest_runtest_protocol",
    "pytest_runtest_setup",
    "pytest_runtest_call",
    "pytest_runtest_teardown",
    "pytest_runtest_makereport",
    "pytest_runtest_logreport",
    "pytest_report_teststatus",
    "pytest_pyfunc_call",
    "pytest_collection_modifyitems",
    "pytest_collectreport",
    "pytest_make_collect_report",
    "pytest_ignore_collect",
    "pytest_collect_file",
    "pytest_pycollect_makeitem",
    "pytest_pycollect_makemodule",
    "pytest_itemcollected",
    "pytest_deselected",
    "pytest_sessionfinish",
    "pytest_terminal_summary",
    "pytest_assertrepr_compare",
)
# pytest's machinery is checked whole after collection and at the end; its most critical parts also every
# this many tests, so a replacement is dated to within a few tests without a cost on each.
CRITICAL_CHECK_EVERY = 25
PLAIN_TYPES = frozenset(
    {int, float, complex, bool, str, bytes, bytearray, type(None), tuple, list, dict, set, frozenset, range}
)


class Channel:
    """Authenticated, sequence-numbered JSON lines on a pipe the parent reads."""

    def __init__(self, fd: int, key: bytes) -> None:
        self._fd = fd
        self._key = key
        self._seq = 0

    def send(self, record: dict[str, Any]) -> None:
        record["seq"] = self._seq
        self._seq += 1
        body = _dumps(record, separators=(",", ":"), default=repr)
        mac = _hmac_new(self._key, body.encode(), _sha256).hexdigest()
        data = (body + " " + mac + "\n").encode()
        while data:
            written = _write(self._fd, data)
            data = data[written:]


def _code_file(obj: Any) -> str | None:
    func = getattr(obj, "__func__", obj)
    code = getattr(func, "__code__", None)
    return code.co_filename if code is not None else None


def _describe(obj: Any, filename: str | None) -> str:
    if filename:
        return f"code from {filename}"
    return f"{getattr(obj, '__module__', '?')}.{getattr(obj, '__qualname__', type(obj).__name__)}"


def _resolve(module: str, owner: str | None, name: str) -> Any:
    mod = sys.modules.get(module)
    if mod is None:
        return None
    holder: Any = getattr(mod, owner, None) if owner else mod
    if holder is None:
        return None
    if isinstance(holder, type):
        return holder.__dict__.get(name)
    return getattr(holder, name, None)


def _identity(obj: Any) -> tuple[Any, Any]:
    func = getattr(obj, "__func__", obj)
    return (obj, getattr(func, "__code__", None))


class Internals:
    """Snapshots of pytest's machinery, so a replacement from anywhere else is noticed."""

    def __init__(self, allowed_dirs: tuple[str, ...]) -> None:
        self.allowed_dirs = allowed_dirs
        self.critical = {spec: _identity(_resolve(*spec)) for spec in CRITICAL}
        self.full = self._walk()

    def _walk(self) -> dict[tuple[str, str], tuple[Any, Any]]:
        seen: dict[tuple[str, str], tuple[Any, Any]] = {}
        for modname in WATCHED_MODULES:
            mod = sys.modules.get(modname)
            if mod is None:
                continue
            for name, value in list(vars(mod).items()):
                if isinstance(value, types.FunctionType):
                    seen[(modname, name)] = _identity(value)
                elif modname == "builtins" and isinstance(value, (type, types.BuiltinFunctionType)):
                    seen[(modname, name)] = (value, None)
                elif isinstance(value, type) and value.__module__ == modname:
                    for attr, member in list(vars(value).items()):
                        if isinstance(member, (types.FunctionType, classmethod, staticmethod, property)):
                            seen[(modname, f"{name}.{attr}")] = _identity(member)
        return seen

    def foreign_code(self) -> list[str]:
        """Functions inside pytest's machinery whose code lives outside pytest, pluggy and the stdlib."""
        out = []
        for (modname, name), (obj, _code) in self._walk().items():
            filename = _code_file(obj)
            if filename and filename != "<string>" and not filename.startswith(self.allowed_dirs):
                out.append(f"{modname}.{name} runs code from {filename}")
        return out

    def changed_critical(self) -> list[str]:
        out = []
        for spec, (obj, code) in self.critical.items():
            now = _resolve(*spec)
            now_obj, now_code = _identity(now)
            if now_obj is not obj or now_code is not code:
                out.append(f"{'.'.join(p for p in spec if p)} was replaced (now from {_code_file(now)})")
        return out

    def changed_any(self) -> list[str]:
        now = self._walk()
        out = []
        for key, (obj, code) in self.full.items():
            current = now.get(key)
            if current is None:
                out.append(f"{key[0]}.{key[1]} was deleted")
            elif current[0] is not obj or current[1] is not code:
                filename = _code_file(current[0])
                if filename is None or not filename.startswith(self.allowed_dirs):  # pytest may patch itself
                    out.append(f"{key[0]}.{key[1]} was replaced by {_describe(current[0], filename)}")
        for key in now.keys() - self.full.keys():
            filename = _code_file(now[key][0])
            if filename and not filename.startswith(self.allowed_dirs):
                out.append(f"{key[0]}.{key[1]} was added from {filename}")
        return out


def _origin(tb: types.TracebackType | None, internal_dirs: tuple[str, ...]) -> tuple[str, int] | None:
    """The innermost frame outside pytest, pluggy and unittest that a raised exception passed through."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.startswith(internal_dirs):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


class _Fresh:
    """An object nothing honest is equal to."""

    __slots__ = ()


def claims_equality(value: Any, depth: int = 2) -> str | None:
    """Describe `value` (or an element of it, for containers) if it says it equals an object it has never
    seen; None for honest values."""
    kind = type(value)
    if kind in PLAIN_TYPES:
        if depth <= 0 or kind not in (list, tuple, dict, set, frozenset):
            return None
        elements = list(value.items())[:64] if kind is dict else list(value)[:64]
        for element in elements:
            for part in element if kind is dict else (element,):
                found = claims_equality(part, depth - 1)
                if found is not None:
                    return found
        return None
    try:
        if value != _Fresh() or (value != _Fresh()):
            return None
    except Exception:
        return None
    filename = _code_file(getattr(kind, "__eq__", None)) or getattr(
        sys.modules.get(kind.__module__), "__file__", ""
    )
    return f"{kind.__module__}.{kind.__qualname__}|{filename or ''}"


def _test_code_file(item: Any) -> str | None:
    """Where the test function's own code lives (through decorators that keep __wrapped__)."""
    function: Any = getattr(item, "obj", None)
    seen = 0
    while hasattr(function, "__wrapped__") and seen < 20:
        function = function.__wrapped__
        seen += 1
    return _code_file(function)


_INSTANCE_BLIND: dict[Any, bool] = {}


def _ignores_instance(function: Any) -> bool:
    """Whether a method's code never reads its first argument: its answer is the same for every instance."""
    code = getattr(function, "__code__", None)
    if code is None or code.co_argcount == 0:
        return False
    known = _INSTANCE_BLIND.get(code)
    if known is None:
        import dis

        first = code.co_varnames[0]
        known = not any(
            ins.argval == first and ins.opname.startswith(("LOAD_FAST", "LOAD_DEREF", "LOAD_CLOSURE"))
            for ins in dis.get_instructions(code)
        )
        _INSTANCE_BLIND[code] = known
    return known


def claims_truth(value: Any) -> str | None:
    """Describe `value` if its truth comes from a `__bool__`/`__len__` that never looks at the instance."""
    kind = type(value)
    if kind in PLAIN_TYPES or isinstance(value, (type, types.ModuleType, types.FunctionType)):
        return None
    for name in ("__bool__", "__len__"):
        method = getattr(kind, name, None)
        if isinstance(method, types.FunctionType):
            try:
                blind = _ignores_instance(method) and bool(value)
            except Exception:  # a value that refuses a truth test (pytest.approx) claims nothing
                return None
            if blind:
                return f"truth:{kind.__module__}.{kind.__qualname__}|{method.__code__.co_filename}"
            return None
    return None


class Witness:
    """The pytest plugin: observes, records, sends; changes no outcome."""

    internals: Internals  # set once the witness's own instrumentation is in place (see main)

    def __init__(self, channel: Channel, internal_dirs: tuple[str, ...]):
        self.channel = channel
        self.internal_dirs = internal_dirs
        self.config: Any = None
        self.current: dict[str, Any] | None = None
        self.deselected: list[str] = []
        self.reported_tampering: set[str] = set()
        self.saved_reprcompare: Any = None
        self.saved_assertion_pass: Any = None
        self.finished = 0

    # --- plugins and hooks ------------------------------------------------------------------------------
    def _plugin_file(self, plugin: Any) -> str | None:
        if isinstance(plugin, types.ModuleType):
            return getattr(plugin, "__file__", None)
        module = sys.modules.get(getattr(type(plugin), "__module__", ""))
        return getattr(module, "__file__", None) if module else None

    def pytest_plugin_registered(self, plugin: Any, plugin_name: str | None) -> None:
        if plugin is self:
            return
        self.channel.send({"t": "plugin", "name": plugin_name, "file": self._plugin_file(plugin)})

    def pytest_configure(self, config: Any) -> None:
        self.config = config
        pm = config.pluginmanager
        for name, plugin in pm.list_name_plugin():
            if plugin is not None and plugin is not self:
                self.channel.send({"t": "plugin", "name": name, "file": self._plugin_file(plugin)})
        for plugin, dist in pm.list_plugin_distinfo():
            location = ""
            with contextlib.suppress(Exception):
                location = str(dist.locate_file(""))
            self.channel.send(
                {
                    "t": "entrypoint",
                    "dist": getattr(dist, "project_name", None) or dist.metadata.get("name", "?"),
                    "file": self._plugin_file(plugin),
                    "location": location,
                }
            )

    def _check_hooks(self, when: str) -> None:
        if self.config is None:
            return
        for name in CRITICAL_HOOKS:
            caller = getattr(self.config.pluginmanager.hook, name, None)
            if caller is None:
                continue
            for impl in caller.get_hookimpls():
                filename = _code_file(impl.function)
                key = f"hook|{name}|{filename}"
                if filename and key not in self.reported_tampering:
                    self.reported_tampering.add(key)
                    self.channel.send({"t": "hook", "hook": name, "file": filename, "when": when})

    def _check_internals(self, when: str, full: bool) -> None:
        problems = self.internals.changed_any() + self.internals.foreign_code() if full else []
        problems += self.internals.changed_critical()
        for problem in problems:
            if problem not in self.reported_tampering:
                self.reported_tampering.add(problem)
                self.channel.send({"t": "internals", "message": problem, "when": when})

    # --- collection -------------------------------------------------------------------------------------
    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_make_collect_report(self, collector: Any) -> Any:
        outcome = yield
        excinfo = outcome.excinfo
        if excinfo is not None:
            if isinstance(excinfo[1], (SystemExit, KeyboardInterrupt)):
                record = self._classify(excinfo[1], excinfo[2])
                self.channel.send({"t": "collect-exit", "id": collector.nodeid, **record})
            return
        self._collected(collector, outcome.get_result())

    def _collected(self, collector: Any, report: Any) -> None:
        path = str(getattr(collector, "path", "") or "")
        if report.outcome == "passed" and not path.endswith(".py"):
            return
        module = getattr(collector, "module", None) if report.outcome == "passed" else None
        if module is not None and getattr(collector, "obj", None) is module:
            loader = type(getattr(module, "__loader__", None))
            self.channel.send(
                {
                    "t": "module",
                    "path": path,
                    "file": getattr(module, "__file__", None),
                    "loader": f"{loader.__module__}.{loader.__qualname__}",
                }
            )
        record: dict[str, Any] = {
            "t": "collect",
            "id": report.nodeid,
            "outcome": report.outcome,
            "path": path,
        }
        if report.outcome == "skipped":
            longrepr = report.longrepr
            if isinstance(longrepr, tuple) and len(longrepr) == 3:
                record["skip"] = {"file": str(longrepr[0]), "line": longrepr[1], "reason": str(longrepr[2])}
        elif report.outcome == "failed":
            record["message"] = str(report.longrepr)[-2000:]
        self.channel.send(record)

    def pytest_deselected(self, items: list[Any]) -> None:
        self.deselected.extend(item.nodeid for item in items)

    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_collection_modifyitems(self, session: Any, config: Any, items: list[Any]) -> Any:
        before = list(items)
        yield
        kept = {id(item) for item in items}
        deselected = set(self.deselected)
        dropped = [i.nodeid for i in before if id(i) not in kept and i.nodeid not in deselected]
        self.channel.send(
            {
                "t": "items",
                "items": [self._describe_item(item) for item in items],
                "deselected": [self._describe_item(i) for i in before if i.nodeid in deselected],
                "dropped": dropped,
            }
        )
        self._check_hooks("collection")
        self._check_internals("collection", full=True)

    def _describe_item(self, item: Any) -> list[Any]:
        cls = getattr(item, "cls", None)
        path = str(getattr(item, "path", "") or "")
        return [
            item.nodeid,
            path,
            cls.__name__ if cls else None,
            getattr(item, "originalname", item.name),
            _test_code_file(item),
        ]

    # --- running ----------------------------------------------------------------------------------------
    def _raw(self, item: Any, call: Any) -> dict[str, Any]:
        """The outcome of one phase from the exception the test itself raised, before any report exists."""
        excinfo = call.excinfo
        unittest_excinfo = getattr(item, "_excinfo", None)
        if excinfo is None and unittest_excinfo:
            excinfo = unittest_excinfo[0]
        if excinfo is None:
            return {"outcome": "passed"}
        record = self._classify(excinfo.value, excinfo.tb)
        current = self.current
        unittest_origin = current.pop("unittest_skip_origin", None) if current is not None else None
        if record["outcome"] == "skipped" and unittest_origin is not None:
            record["origin"] = unittest_origin
        return record

    def _before_report(self, item: Any, call: Any) -> None:
        when = call.when
        if when == "setup":
            self.current = {
                "t": "test",
                "id": item.nodeid,
                "phases": {},
                "reported": {},
                "eq": [],
                "start": _perf(),
            }
            if type(item).__name__ == "TestCaseFunction":
                self._wrap_unittest_skip(item)
        current = self.current
        if current is None or current["id"] != item.nodeid:
            return
        raw = self._raw(item, call)
        previous = current["phases"].get("call") if when == "call" else None
        if previous is not None:
            # Subtests (unittest's subTest, pytest's subtests fixture) report as extra "call" phases while
            # the test runs; the test's own call comes last, so every earlier one was a subtest.
            subtests = current.setdefault("subtests", {"passed": 0, "other": []})
            if previous.get("outcome") == "passed":
                subtests["passed"] += 1
            elif len(subtests["other"]) < 50:
                subtests["other"].append(previous)
        current["phases"][when] = raw
        if when == "setup":
            from _pytest.assertion import util

            self.saved_reprcompare = util._reprcompare
            self.saved_assertion_pass = util._assertion_pass
            util._reprcompare = self._reprcompare
            util._assertion_pass = self._assertion_passed
        elif when == "teardown":
            self._restore_assertion_hooks()

    def _restore_assertion_hooks(self) -> None:
        from _pytest.assertion import util

        if util._reprcompare == self._reprcompare:
            util._reprcompare, util._assertion_pass = self.saved_reprcompare, self.saved_assertion_pass

    def _after_report(self, item: Any, call: Any, report: Any) -> None:
        current = self.current
        if current is None or current["id"] != item.nodeid:
            return
        reported = {"outcome": report.outcome}
        if hasattr(report, "wasxfail"):
            reported["wasxfail"] = True
        current["reported"][call.when] = reported
        if call.when == "call":
            for name, hook in (("trace", sys.gettrace()), ("profile", sys.getprofile())):
                filename = _code_file(hook) if hook is not None else None
                if filename is not None:
                    current.setdefault("tracers", []).append([name, filename])
        if call.when != "teardown":
            return
        self._restore_assertion_hooks()
        self.current = None
        current["duration"] = round(_perf() - current.pop("start"), 6)
        current.pop("unittest_skip_origin", None)
        self.channel.send(current)
        self.finished += 1
        if self.finished % CRITICAL_CHECK_EVERY == 0:
            self._check_internals("test", full=False)

    def _classify(self, exc: BaseException, tb: Any) -> dict[str, Any]:
        from _pytest.outcomes import Exit, Skipped, XFailed

        origin = _origin(tb, self.internal_dirs)
        record: dict[str, Any] = {"exception": f"{type(exc).__module__}.{type(exc).__qualname__}"}
        if origin:
            record["origin"] = list(origin)
        if isinstance(exc, XFailed):
            record["outcome"] = "xfailed"
        elif isinstance(exc, Skipped) or type(exc).__name__ == "SkipTest":
            record["outcome"] = "skipped"
            record["reason"] = str(getattr(exc, "msg", None) or exc)[:300]
        elif isinstance(exc, Exit):
            record["outcome"] = "exit"
            record["code"] = getattr(exc, "returncode", None)
        elif isinstance(exc, SystemExit):
            record["outcome"] = "exit"
            record["code"] = exc.code if isinstance(exc.code, int) or exc.code is None else str(exc.code)
        elif isinstance(exc, KeyboardInterrupt):
            record["outcome"] = "interrupted"
        else:
            record["outcome"] = "failed"
            record["message"] = f"{type(exc).__name__}: {str(exc)[:300]}"
        return record

    def _wrap_unittest_skip(self, item: Any) -> None:
        add_skip = getattr(type(item), "addSkip", None)
        if add_skip is None or self.current is None:
            return
        current = self.current

        def add_skip_witnessed(testcase: Any, reason: str, *args: Any, **kwargs: Any) -> Any:
            exc = sys.exc_info()[1]
            if exc is not None and "unittest_skip_origin" not in current:
                origin = _origin(exc.__traceback__, self.internal_dirs)
                current["unittest_skip_origin"] = list(origin) if origin else None
            elif "unittest_skip_origin" not in current:
                current["unittest_skip_origin"] = None
            return add_skip(item, testcase, reason, *args, **kwargs)

        item.addSkip = add_skip_witnessed

    if NEW_STYLE_WRAPPERS:

        @pytest.hookimpl(wrapper=True, tryfirst=True)
        def pytest_runtest_makereport(self, item: Any, call: Any) -> Any:
            self._before_report(item, call)
            report = yield
            self._after_report(item, call, report)
            return report

    else:  # pragma: no cover - pluggy < 1.2

        @pytest.hookimpl(hookwrapper=True, tryfirst=True)
        def pytest_runtest_makereport(self, item: Any, call: Any) -> Any:
            self._before_report(item, call)
            outcome = yield
            self._after_report(item, call, outcome.get_result())

    # --- equality ---------------------------------------------------------------------------------------
    def _reprcompare(self, op: str, left: Any, right: Any) -> Any:
        if op in ("==", "!=", "in", "not in"):
            self.note_operands(left, right)
        caller = _getframe(1)
        if caller.f_locals.get("done", True) is False:
            return None
        saved = self.saved_reprcompare
        return saved(op, left, right) if saved is not None else None

    def _assertion_passed(self, lineno: int, orig: str, expl: str) -> None:
        """A plain `assert x` passed: was x true only because its type says so whatever it holds?"""
        current = self.current
        test_frame = _getframe(1).f_back
        if current is None or test_frame is None:
            return
        for value in list(test_frame.f_locals.values()):
            described = claims_truth(value)
            if described is not None and described not in current["eq"]:
                current["eq"].append(described)

    def note_operands(self, *operands: Any) -> None:
        current = self.current
        if current is None:
            return
        for value in operands:
            described = claims_equality(value)
            if described is not None and described not in current["eq"]:
                current["eq"].append(described)

    # --- the end ----------------------------------------------------------------------------------------
    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: Any, exitstatus: Any) -> None:
        self._check_hooks("finish")
        self._check_internals("finish", full=True)
        self.channel.send(
            {
                "t": "finish",
                "exitstatus": int(exitstatus),
                "collected": getattr(session, "testscollected", None),
                "shouldstop": str(getattr(session, "shouldstop", "") or ""),
                "shouldfail": str(getattr(session, "shouldfail", "") or ""),
            }
        )


def _wrap_unittest_assert_equal(witness: Witness) -> None:
    original = unittest.TestCase.assertEqual

    def assertEqual(self: Any, first: Any, second: Any, msg: Any = None) -> None:
        witness.note_operands(first, second)
        original(self, first, second, msg)

    unittest.TestCase.assertEqual = assertEqual  # type: ignore[method-assign]
    unittest.TestCase.assertEquals = assertEqual


def _startup_report(preloaded: frozenset[str]) -> dict[str, Any]:
    import site

    startup = []
    for name in ("sitecustomize", "usercustomize"):
        module = sys.modules.get(name)
        if module is not None:
            startup.append({"module": name, "file": getattr(module, "__file__", None)})
    pth = []
    dirs = list(site.getsitepackages()) if hasattr(site, "getsitepackages") else []
    for directory in dirs:
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            continue
        for name in names:
            if name.endswith(".pth"):
                path = os.path.join(directory, name)
                try:
                    with open(path, encoding="utf-8", errors="replace") as handle:
                        lines = [ln.strip() for ln in handle if ln.startswith(("import ", "import\t"))]
                except OSError:
                    continue
                if lines:
                    pth.append({"file": path, "imports": lines[:5]})
    early = sorted(m for m in preloaded if m.split(".")[0] in ("pytest", "_pytest", "pluggy"))
    return {"startup": startup, "pth": pth, "preloaded": early}


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[2] != "--":
        sys.stderr.write("witness: usage: witness.py CHANNEL_FD KEY_FD -- PYTEST_ARGS...\n")
        return 4
    channel_fd, key_fd = int(argv[0]), int(argv[1])
    key = b""
    while True:
        chunk = os.read(key_fd, 64)
        if not chunk:
            break
        key += chunk
    os.close(key_fd)
    os.set_inheritable(channel_fd, False)
    channel = Channel(channel_fd, key)
    del key

    import _pytest

    for name in WATCHED_MODULES:
        try:
            __import__(name)
        except ImportError:  # not every pytest version has every module
            continue
    internal_dirs = (
        *tuple(os.path.dirname(os.path.abspath(m.__file__ or "")) + os.sep for m in (_pytest, pluggy)),
        os.path.dirname(os.path.abspath(pytest.__file__ or "")) + os.sep,
    )
    stdlib = tuple(
        os.path.abspath(p) + os.sep
        for p in {sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"]}
    )
    trusted_code = (*internal_dirs, *stdlib, os.path.abspath(__file__))
    witness = Witness(channel, trusted_code)
    _wrap_unittest_assert_equal(witness)
    witness.internals = Internals(trusted_code)
    channel.send(
        {
            "t": "hello",
            "python": sys.version.split()[0],
            "executable": sys.executable,
            "pytest": pytest.__version__,
            "pytest_file": pytest.__file__,
            "isolated": bool(sys.flags.isolated),
            **_startup_report(_PRELOADED),
        }
    )
    witness._check_internals("start", full=True)
    sys.path.insert(0, os.getcwd())
    args = [*argv[3:], "-p", "no:cacheprovider", "-o", "enable_assertion_pass_hook=true"]
    code = pytest.main(args, plugins=[witness])
    channel.send({"t": "end", "code": int(code)})
    return int(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
