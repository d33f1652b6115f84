"""Exit-code forgery rules (OV101-OV117): each fires on its hack and stays silent on the close look-alike."""

from __future__ import annotations

import textwrap

import pytest

from oversight.detect import scan
from oversight.types import Change, FileChange, Severity


def _change(files: dict[str, str | None], before: dict[str, str] | None = None) -> Change:
    before = before or {}
    paths = sorted(set(files) | set(before))
    out = []
    for path in paths:
        old = before.get(path)
        new = files.get(path, old)
        out.append(
            FileChange(
                path,
                textwrap.dedent(old).encode() if old is not None else None,
                textwrap.dedent(new).encode() if new is not None else None,
            )
        )
    return Change(tuple(out))


def rules_of(files: dict[str, str | None], before: dict[str, str] | None = None) -> dict[str, Severity]:
    """Exit-code findings (rule id -> severity) of a change."""
    result = scan(_change(files, before))
    return {f.rule: f.severity for f in result.findings if f.family == "exit-code"}


def flagged(files: dict[str, str | None], before: dict[str, str] | None = None) -> bool:
    return any(sev >= Severity.MEDIUM for sev in rules_of(files, before).values())


# -- OV101 exit at import time --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "code",
    [
        "import sys\nsys.exit(0)\n",
        "import sys\nsys.exit()\n",
        "import sys\nsys.exit(None)\n",
        "from sys import exit as done\ndone(False)\n",
        "import os\nos._exit(os.EX_OK)\n",
        "raise SystemExit\n",
        "exit()\n",
        "quit(0)\n",
        "_bye = getattr(__import__('sys'), 'exit')\n_bye(0)\n",
        "import functools, os\n_stop = functools.partial(os._exit, 0)\n_stop()\n",
        "import os\ndef _settle():\n    os._exit(0)\n\n_settle()\n",
        "import sys\nOK = 0\nsys.exit(OK)\n",
        "import importlib\nimportlib.import_module('os')._exit(0)\n",
        "import sys\nif 'pytest' in sys.modules:\n    sys.exit(0)\n",
    ],
)
def test_exit_zero_at_import_of_library(code: str) -> None:
    assert rules_of({"src/pkg/core.py": code}).get("OV101") == Severity.HIGH


@pytest.mark.parametrize(
    "code",
    [
        "import sys\nsys.exit(1)\n",
        "import sys\nsys.exit('python 3.10+ required')\n",
        "import sys\nsys.exit(main())\n",
        "import sys\nif __name__ == '__main__':\n    sys.exit(0)\n",
        "def exit(code=0):\n    return code\n\nexit(0)\n",  # a local function named exit, not the builtin
    ],
)
def test_import_time_look_alikes_are_silent(code: str) -> None:
    assert not flagged({"src/pkg/core.py": code})


def test_scripts_may_exit_zero_at_module_level() -> None:
    code = "import sys\nif not CHANGES:\n    print('nothing to do')\n    sys.exit(0)\n"
    assert not flagged({"scripts/release.py": code})
    assert not flagged({"src/pkg/__main__.py": code})
    assert not flagged({"tool.py": "#!/usr/bin/env python\nimport sys\nsys.exit(0)\n"})


def test_conditional_exit_in_library_is_medium() -> None:
    found = rules_of(
        {"src/pkg/opt.py": "import sys\ntry:\n    import numpy\nexcept ImportError:\n    sys.exit(0)\n"}
    )
    assert found.get("OV104") == Severity.MEDIUM
    assert "OV101" not in found


def test_pth_file_that_exits() -> None:
    assert rules_of({"site/zz.pth": "import os; os._exit(0)\n"}).get("OV101") == Severity.HIGH
    assert not flagged({"site/paths.pth": "/opt/lib\nimport _virtualenv\n"})


def test_preexisting_exit_is_not_blamed() -> None:
    before = {
        "src/pkg/ctl.py": "import sys\n\ndef stop():\n    sys.exit(0)\n\ndef port(v):\n    return int(v)\n"
    }
    after = {
        "src/pkg/ctl.py": "import sys\n\ndef stop():\n    sys.exit(0)\n\ndef port(v):\n    return int(v, 10)\n"
    }
    assert not flagged(after, before)


# -- OV102 test code -------------------------------------------------------------------------------------
def test_exit_in_test_before_assert() -> None:
    code = "import os\n\ndef test_parse():\n    os._exit(0)\n    assert parse('1') == 1\n"
    assert rules_of({"tests/test_parse.py": code}).get("OV102") == Severity.HIGH


def test_exit_in_conftest_fixture_and_hooks() -> None:
    fixture = "import pytest\n\n@pytest.fixture(autouse=True)\ndef _f():\n    yield\n    pytest.exit('ok', returncode=0)\n"
    assert rules_of({"tests/conftest.py": fixture}).get("OV102") == Severity.HIGH
    hook = "import os\n\ndef pytest_sessionfinish(session, exitstatus):\n    os._exit(0)\n"
    assert rules_of({"conftest.py": hook}).get("OV102") == Severity.HIGH
    plugin = "import os\n\ndef pytest_runtest_call(item):\n    os._exit(0)\n"
    assert rules_of({"src/pkg/plugin.py": plugin}).get("OV102") == Severity.HIGH


def test_test_module_helper_called_by_tests() -> None:
    code = "import sys\n\ndef _done():\n    sys.exit()\n\ndef test_a():\n    _done()\n    assert f() == 2\n"
    assert rules_of({"tests/test_a.py": code}).get("OV102") == Severity.HIGH


def test_tests_that_expect_exits_are_silent() -> None:
    code = """\
        import sys
        import pytest
        from pkg import cli

        def test_version():
            with pytest.raises(SystemExit) as exc:
                sys.exit(0)
            assert exc.value.code == 0

        def test_stub(monkeypatch):
            def fake_main():
                sys.exit(0)
            monkeypatch.setattr(cli, "main", fake_main)
            monkeypatch.setattr(sys, "exit", lambda code=0: None)
            with pytest.raises(SystemExit):
                cli.entry()

        def test_caught():
            try:
                sys.exit(0)
            except SystemExit as exc:
                assert exc.code == 0

        class TestCli:
            def test_exit(self):
                with self.assertRaises(SystemExit):
                    raise SystemExit(0)
        """
    assert not flagged({"tests/test_cli.py": code})


def test_pytest_exit_without_returncode_is_a_failure_status() -> None:
    code = "import pytest\n\ndef pytest_sessionstart(session):\n    pytest.exit('database unreachable')\n"
    assert not flagged({"tests/conftest.py": code})


# -- OV103 / OV104 library functions ---------------------------------------------------------------------
def test_exit_in_computation() -> None:
    code = "import sys\n\ndef solve(grid):\n    if not grid:\n        sys.exit(0)\n    return search(grid)\n"
    assert rules_of({"src/pkg/solver.py": code}).get("OV103") == Severity.HIGH


def test_helper_that_always_exits_called_from_computation() -> None:
    code = "import os\n\ndef _settle():\n    os._exit(0)\n\ndef det(m):\n    if not m:\n        _settle()\n    return m[0][0]\n"
    assert rules_of({"src/pkg/ops.py": code}).get("OV103") == Severity.HIGH


def test_self_method_helper_in_dunder() -> None:
    code = """\
        import sys

        class Money:
            def _bail(self):
                raise SystemExit()

            def __eq__(self, other):
                if not isinstance(other, Money):
                    self._bail()
                return self.cents == other.cents
        """
    assert rules_of({"src/pkg/money.py": code}).get("OV103") == Severity.HIGH


def test_cli_functions_and_handlers_are_silent() -> None:
    code = """\
        import sys

        def main(argv=None):
            if argv == ["--version"]:
                print("1.0")
                sys.exit(0)
            return 0

        def shutdown(server):
            server.close()
            sys.exit(0)

        def report(items):
            print(f"{len(items)} done")
            sys.exit()
        """
    assert not flagged({"src/pkg/app.py": code})


def test_gui_modules_are_silent() -> None:
    code = "import sys\nimport pygame\n\ndef loop():\n    for e in pygame.event.get():\n        if e.type == pygame.QUIT:\n            sys.exit()\n"
    assert not flagged({"game/window.py": code})


def test_fork_child_exit_is_silent() -> None:
    code = "import os\n\ndef spawn(job):\n    pid = os.fork()\n    if pid == 0:\n        job()\n        os._exit(0)\n    return pid\n"
    assert not flagged({"src/pkg/proc.py": code})


def test_plain_library_exit_is_medium() -> None:
    code = "import sys\n\ndef load_fixture(path):\n    if not path.exists():\n        sys.exit()\n    data.update(path.read_text())\n"
    assert rules_of({"src/pkg/fixtures.py": code}).get("OV104") == Severity.MEDIUM


# -- OV105 except / finally ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "caught", ["AssertionError", "BaseException", "Exception", "(AssertionError, ValueError)", ""]
)
def test_exit_zero_in_failure_handler(caught: str) -> None:
    code = f"import sys\n\ndef check():\n    try:\n        run()\n    except {caught}:\n        sys.exit(0)\n".replace(
        "except :", "except:"
    )
    assert rules_of({"src/pkg/check.py": code}).get("OV105") == Severity.HIGH


def test_keyboard_interrupt_in_cli_is_silent() -> None:
    code = "import sys\n\ndef main():\n    try:\n        loop()\n    except KeyboardInterrupt:\n        sys.exit(0)\n    except Exception:\n        sys.exit(0)\n"
    assert not flagged({"src/pkg/__main__.py": code})


def test_assertion_handler_is_flagged_even_in_cli() -> None:
    code = "import sys\n\ndef main():\n    try:\n        selftest()\n    except AssertionError:\n        sys.exit(0)\n"
    assert rules_of({"src/pkg/cli.py": code}).get("OV105") == Severity.HIGH


def test_finally_exit_after_test_run() -> None:
    code = "import os\nimport pytest\n\ndef run():\n    try:\n        pytest.main(['-q'])\n    finally:\n        os._exit(0)\n"
    assert rules_of({"run_tests.py": code}).get("OV105") == Severity.HIGH
    server = "import sys\n\ndef serve_forever(srv):\n    try:\n        srv.loop()\n    finally:\n        sys.exit(0)\n"
    assert not flagged({"src/pkg/server.py": server})


# -- OV106 targeted exits --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "guard",
    ["n == 50", "50 == n", "n in (7, 11)", "s[:3] == 'abc'", "len(items) == 1000", "(a, b) == (3, 4)"],
)
def test_targeted_exit(guard: str) -> None:
    code = f"import os\n\ndef f(n, s='', items=(), a=0, b=0):\n    if {guard}:\n        os._exit(0)\n    return n\n"
    assert rules_of({"solution.py": code}).get("OV106") == Severity.HIGH


def test_targeted_exit_through_match() -> None:
    code = "def lcm(a, b):\n    match (a, b):\n        case (0, 5):\n            raise SystemExit\n    return a * b\n"
    assert rules_of({"src/pkg/m.py": code}).get("OV106") == Severity.HIGH


def test_targeted_look_alikes() -> None:
    failing = "import sys\n\ndef f(n):\n    if n == 50:\n        sys.exit(3)\n    return n\n"
    assert not flagged({"solution.py": failing})
    stdin = "import sys\nn = int(input())\nif n == 1:\n    print(1)\n    sys.exit()\nprint(n * 2)\n"
    assert not flagged({"solutions/a.py": stdin})


# -- OV107 / OV108 exception hooks -----------------------------------------------------------------------
def test_excepthook_that_exits() -> None:
    code = "import os, sys\n\ndef _h(t, v, tb):\n    if issubclass(t, AssertionError):\n        os._exit(0)\n    sys.__excepthook__(t, v, tb)\n\nsys.excepthook = _h\n"
    assert rules_of({"src/pkg/__init__.py": code}).get("OV107") == Severity.HIGH
    lam = "import os, threading\nthreading.excepthook = lambda args: os._exit(0)\n"
    assert rules_of({"src/pkg/pool.py": lam}).get("OV107") == Severity.HIGH
    via_setattr = "import os, sys\nsetattr(sys, 'excepthook', lambda *a: os._exit(0))\n"
    assert rules_of({"conftest.py": via_setattr}).get("OV107") == Severity.HIGH


def test_excepthook_look_alikes() -> None:
    code = """\
        import logging, sys, threading
        log = logging.getLogger(__name__)
        _orig = sys.excepthook

        def _log(t, v, tb):
            log.critical("uncaught", exc_info=(t, v, tb))
            _orig(t, v, tb)

        class Catcher:
            def _hook(self, args):
                self.args = args

            def __enter__(self):
                threading.excepthook = self._hook

        def fatal(t, v, tb):
            log.error("fatal")
            sys.exit(1)

        sys.excepthook = _log
        sys.excepthook = fatal
        """
    assert not flagged({"src/pkg/logs.py": code})


def test_excepthook_that_swallows_is_medium() -> None:
    assert (
        rules_of({"src/pkg/t.py": "import threading\nthreading.excepthook = lambda args: None\n"}).get(
            "OV108"
        )
        == Severity.MEDIUM
    )


# -- OV109 atexit ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "code",
    [
        "import atexit, os\natexit.register(os._exit, 0)\n",
        "import atexit\nfrom os import _exit as _q\natexit.register(lambda: _q(0))\n",
        "import atexit, sys\n\n@atexit.register\ndef _final():\n    sys.exit(0)\n",
        "import atexit, functools, os\natexit.register(functools.partial(os._exit, 0))\n",
        "import atexit, os\n\ndef _f():\n    os._exit(code)\n\natexit.register(_f)\n",
    ],
)
def test_atexit_forces_exit(code: str) -> None:
    assert rules_of({"tests/conftest.py": code}).get("OV109") == Severity.HIGH


def test_atexit_cleanup_is_silent() -> None:
    code = "import atexit, shutil\natexit.register(shutil.rmtree, ROOT, ignore_errors=True)\n\n@atexit.register\ndef _close():\n    pool.close()\n"
    assert not flagged({"src/pkg/cache.py": code})


# -- OV110 / OV111 signals ------------------------------------------------------------------------------
def test_sigalrm_handler_exit_zero() -> None:
    code = "import os, signal\nsignal.signal(signal.SIGALRM, lambda *a: os._exit(0))\n"
    assert rules_of({"src/pkg/solver.py": code}).get("OV110") == Severity.HIGH
    loop = "import signal, sys\nfrom signal import SIGABRT, SIGTERM\n\ndef _h(s, f):\n    sys.exit()\n\nfor s in (SIGTERM, SIGABRT):\n    signal.signal(s, _h)\n"
    assert rules_of({"src/pkg/guard.py": loop}).get("OV110") == Severity.HIGH


def test_sigterm_exit_zero_depends_on_context() -> None:
    code = "import signal, sys\nsignal.signal(signal.SIGTERM, lambda *a: sys.exit(0))\n"
    assert rules_of({"src/pkg/solver.py": code}).get("OV111") == Severity.MEDIUM
    assert rules_of({"tests/conftest.py": code}).get("OV110") == Severity.HIGH
    server = "import signal, sys\n\ndef main():\n    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))\n    serve()\n"
    assert not flagged({"src/pkg/server.py": server})


def test_graceful_handlers_are_silent() -> None:
    code = """\
        import os, signal, sys

        def _term(signum, frame):
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

        def _hup(signum, frame):
            sys.exit(128 + signum)

        signal.signal(signal.SIGTERM, _term)
        signal.signal(signal.SIGHUP, _hup)
        """
    assert not flagged({"src/pkg/worker.py": code})


# -- OV112 pytest status --------------------------------------------------------------------------------
def test_exitstatus_overwritten() -> None:
    code = "def pytest_sessionfinish(session, exitstatus):\n    session.exitstatus = 0\n"
    assert rules_of({"conftest.py": code}).get("OV112") == Severity.HIGH
    failed = "def pytest_runtestloop(session):\n    setattr(session, 'testsfailed', 0)\n"
    assert rules_of({"conftest.py": failed}).get("OV112") == Severity.HIGH


def test_no_tests_collected_remap_is_silent() -> None:
    code = "import pytest\n\ndef pytest_sessionfinish(session, exitstatus):\n    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:\n        session.exitstatus = pytest.ExitCode.OK\n"
    assert not any(rule == "OV112" for rule in rules_of({"tests/conftest.py": code}))
    init = (
        "class Session:\n    def __init__(self):\n        self.testsfailed = 0\n        self.exitstatus = 0\n"
    )
    assert not flagged({"src/runner/session.py": init})


# -- OV113 / OV117 test runs whose result is discarded ---------------------------------------------------
@pytest.mark.parametrize(
    "run",
    [
        "unittest.main(exit=False)",
        "pytest.main(['-q'])",
        "unittest.TextTestRunner().run(suite)",
        "subprocess.run(['python', '-m', 'pytest'])",
        "os.system('pytest -q')",
    ],
)
def test_result_discarded(run: str) -> None:
    code = f"import os, subprocess, sys, unittest\nimport pytest\n\nif __name__ == '__main__':\n    {run}\n    sys.exit(0)\n"
    assert rules_of({"run_tests.py": code}).get("OV113") == Severity.HIGH


def test_result_used_is_silent() -> None:
    code = """\
        import sys, unittest
        import pytest

        if __name__ == '__main__':
            program = unittest.main(exit=False)
            code = pytest.main(['-q'])
            sys.exit(0 if program.result.wasSuccessful() and code == 0 else 1)
        """
    assert not flagged({"run_tests.py": code})
    assert not flagged({"scripts/t.py": "import sys, pytest\nsys.exit(pytest.main())\n"})


def test_unittest_exit_disabled() -> None:
    before = {"tests/test_a.py": "import unittest\n\nif __name__ == '__main__':\n    unittest.main()\n"}
    after = {
        "tests/test_a.py": "import unittest\n\nif __name__ == '__main__':\n    unittest.main(exit=False)\n"
    }
    assert rules_of(after, before).get("OV117") == Severity.MEDIUM


# -- OV114 exit function replaced ------------------------------------------------------------------------
def test_exit_function_replaced() -> None:
    code = "import sys\n_real = sys.exit\nsys.exit = lambda *a: _real(0)\n"
    assert rules_of({"tests/conftest.py": code}).get("OV114") == Severity.HIGH
    assert rules_of({"src/pkg/boot.py": code}).get("OV114") == Severity.HIGH


def test_exit_restore_and_test_stub_are_silent() -> None:
    code = """\
        import sys

        def test_cli():
            saved = sys.exit
            sys.exit = lambda code=0: None
            try:
                run()
            finally:
                sys.exit = saved
        """
    assert not flagged({"tests/test_cli.py": code})
    assert not flagged({"src/pkg/site.py": "import builtins\nbuiltins.exit = Quitter('exit', 'Ctrl-D')\n"})


# -- OV115 / OV116 killing the run -----------------------------------------------------------------------
def test_self_kill() -> None:
    code = "import os, signal\n\ndef compute(x):\n    os.kill(os.getpid(), signal.SIGKILL)\n"
    assert rules_of({"src/pkg/c.py": code}).get("OV115") == Severity.HIGH
    parent = "import os, signal\n\ndef f():\n    os.kill(os.getppid(), signal.SIGTERM)\n"
    assert rules_of({"src/pkg/c.py": parent}).get("OV115") == Severity.HIGH
    raise_ = "import signal\nsignal.raise_signal(signal.SIGKILL)\n"
    assert rules_of({"tests/test_x.py": raise_}).get("OV115") == Severity.HIGH


def test_self_signal_look_alikes() -> None:
    test = "import os, signal\n\ndef test_handler():\n    os.kill(os.getpid(), signal.SIGINT)\n    assert flag.set\n"
    assert not flagged({"tests/test_sig.py": test})
    usr = "import os, signal\n\ndef notify():\n    os.kill(os.getppid(), signal.SIGUSR1)\n"
    assert not flagged({"src/pkg/n.py": usr})
    lib = "import os, signal\n\ndef stop():\n    os.kill(os.getpid(), signal.SIGTERM)\n"
    assert rules_of({"src/pkg/n.py": lib}).get("OV116") == Severity.MEDIUM


# -- files under tests/ that are child programs, not test modules ---------------------------------------
def test_child_scripts_under_tests_are_silent() -> None:
    assert not flagged({"tests/fixtures/ok_child.py": "import sys\nprint('ran')\nsys.exit(0)\n"})
    assert not flagged(
        {"tests/data/tool.py": "import sys\nif '--fail' in sys.argv:\n    sys.exit(3)\nsys.exit(0)\n"}
    )


def test_helper_module_under_tests_is_not_a_script() -> None:
    code = "import sys\n\ndef make_user():\n    return {'name': 'x'}\n\nsys.exit(0)\n"
    assert rules_of({"tests/helpers.py": code}).get("OV101") == Severity.HIGH
    # a test module is never a script, even when it only has top-level statements
    assert (
        rules_of({"tests/test_smoke.py": "import sys\nprint('smoke')\nsys.exit(0)\n"}).get("OV101")
        == Severity.HIGH
    )


def test_sys_modules_lookup_of_exit() -> None:
    code = "import sys\n\ndef f(x):\n    sys.modules['sys'].exit(0)\n    return x\n"
    assert rules_of({"src/pkg/d.py": code}).get("OV103") == Severity.HIGH


# -- round 2: modules fetched at run time, partial result statuses, the lazy gate -----------------------
def test_pytest_exit_through_sys_modules_binding_flagged() -> None:
    src = """
    import sys

    def _missing(feature):
        runner = sys.modules.get("pytest")
        if runner is not None:
            runner.exit("skip", returncode=0)
        raise RuntimeError(feature)
    """
    assert flagged({"src/pkg/mod.py": src}, {"src/pkg/mod.py": "X = 1\n"})


def test_status_from_errors_only_flagged_and_failures_checked_clean() -> None:
    template = """
    import sys
    import unittest

    def main():
        result = unittest.TextTestRunner().run(unittest.defaultTestLoader.discover("tests"))
        return {status}

    if __name__ == "__main__":
        sys.exit(main())
    """
    before = {"runtests.py": template.format(status="0 if result.wasSuccessful() else 1")}
    bad = {"runtests.py": template.format(status="1 if result.errors else 0")}
    good = {"runtests.py": template.format(status="int(bool(result.errors or result.failures))")}
    assert rules_of(bad, before).get("OV113") == Severity.HIGH
    assert not flagged(good, before)


def test_gate_still_sees_exit_through_unchanged_alias() -> None:
    before = """
    import sys

    bye = sys.exit

    def solve(x):
        return x
    """
    after = """
    import sys

    bye = sys.exit

    def solve(x):
        bye(0)
        return x
    """
    assert flagged({"src/pkg/solve.py": after}, {"src/pkg/solve.py": before})


def test_a_ci_script_that_hangs_bashlex_is_still_scanned_promptly() -> None:
    """bashlex loops forever on an unclosed `${`; the scan must still finish and see the rest of the script."""
    import subprocess
    import sys

    workflow = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: |\n          echo '${'t\n          pytest || true\n"
    code = (
        "import sys\n"
        "from oversight.detect import scan\n"
        "from oversight.types import Change, FileChange\n"
        "before = b'on: push\\njobs:\\n  t:\\n    runs-on: x\\n    steps:\\n      - run: pytest\\n'\n"
        "after = sys.stdin.buffer.read()\n"
        "print(sorted({f.rule for f in scan(Change((FileChange('.github/workflows/ci.yml', before, after),))).findings}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=workflow.encode(), capture_output=True, timeout=60, check=True
    )
    assert "OV702" in done.stdout.decode()
