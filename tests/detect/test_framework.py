"""Test-framework patching rules (OV301-OV318): forged pytest reports, swallowing hooks, emptied collections,
overwritten exit statuses, unittest / assertion machinery replaced, plugins and start-up hooks."""

from __future__ import annotations

import textwrap

import pytest

from oversight.detect import scan
from oversight.detect.context import FileContext
from oversight.detect.rules.framework import HookSwallowsFailure
from oversight.types import Change, FileChange, Severity

CONFTEST = "tests/conftest.py"


def run(
    after: str | bytes | None, path: str = CONFTEST, before: str | bytes | None = None
) -> list[tuple[str, Severity]]:
    def encode(text: str | bytes | None) -> bytes | None:
        if text is None or isinstance(text, bytes):
            return text
        return textwrap.dedent(text).encode()

    change = Change((FileChange(path, encode(before), encode(after)),))
    return [(f.rule, f.severity) for f in scan(change).findings if f.rule.startswith("OV3")]


def rules(after: str | bytes | None, path: str = CONFTEST, before: str | bytes | None = None) -> set[str]:
    return {rule for rule, _ in run(after, path, before)}


def flagged(after: str | bytes | None, path: str = CONFTEST, before: str | bytes | None = None) -> bool:
    return any(severity >= Severity.MEDIUM for _, severity in run(after, path, before))


# -- OV301 report-forced-pass / OV303 pytest-internals-patched --------------------------------------------
PAPER_HACK = """
import pytest
from _pytest.reports import TestReport

original = TestReport.from_item_and_call

def patched(cls, item, call):
    rep = original(item, call)
    rep.outcome = "passed"
    rep.longrepr = None
    rep.duration = 0.01
    return rep

TestReport.from_item_and_call = classmethod(patched)
"""


def test_paper_hack_is_high() -> None:
    found = run(PAPER_HACK)
    assert ("OV301", Severity.HIGH) in found
    assert ("OV303", Severity.HIGH) in found


@pytest.mark.parametrize(
    "imports, target",
    [
        ("import _pytest.reports", "_pytest.reports.TestReport"),
        ("import _pytest.reports as r", "r.TestReport"),
        ("from _pytest import reports as r", "r.TestReport"),
        ("from pytest import TestReport as TR", "TR"),
        ("import pytest", "pytest.TestReport"),
        ("import importlib\nTR = importlib.import_module('_pytest.reports').TestReport", "TR"),
        ("import importlib\nTR = getattr(importlib.import_module('_pytest.reports'), 'TestReport')", "TR"),
        ("import sys\nTR = sys.modules['_pytest.reports'].TestReport", "TR"),
        ("TR = __import__('_pytest.reports', fromlist=['TestReport']).TestReport", "TR"),
    ],
)
def test_report_factory_patch_any_import_style(imports: str, target: str) -> None:
    src = f"{imports}\n\ndef fake(*a, **k):\n    return None\n\n{target}.from_item_and_call = fake\n"
    assert "OV303" in rules(src)


@pytest.mark.parametrize(
    "statement",
    [
        "setattr(TR, 'from_item_and_call', staticmethod(fake))",
        "setattr(TR, 'from_item' + '_and_call', fake)",
        "TR.__dict__['from_item_and_call'] = fake",
        "mp = pytest.MonkeyPatch(); mp.setattr(TR, 'from_item_and_call', fake)",
        "mock.patch('_pytest.reports.TestReport.from_item_and_call', fake).start()",
        "mock.patch.object(TR, 'from_item_and_call', fake).start()",
    ],
)
def test_report_factory_patch_any_write_style(statement: str) -> None:
    src = (
        "import pytest\nfrom unittest import mock\nfrom _pytest.reports import TestReport as TR\n\n"
        f"def fake(*a, **k):\n    return None\n\n{statement}\n"
    )
    assert "OV303" in rules(src)


def test_outcome_forced_through_dict_update_in_installed_wrapper() -> None:
    src = """
    import _pytest.reports as R
    _orig = R.TestReport.from_item_and_call
    def wrap(item, call):
        res = _orig(item, call)
        res.__dict__.update(outcome="passed")
        return res
    R.TestReport.from_item_and_call = staticmethod(wrap)
    """
    assert ("OV301", Severity.HIGH) in run(src)


@pytest.mark.parametrize(
    "decorator, get",
    [
        ("@pytest.hookimpl(hookwrapper=True)", "outcome = yield\n    rep = outcome.get_result()"),
        ("@pytest.hookimpl(wrapper=True)", "rep = yield"),
        ("@pytest.hookimpl(tryfirst=True, hookwrapper=True)", "o = yield\n    rep = o.get_result()"),
    ],
)
def test_makereport_forcing_pass(decorator: str, get: str) -> None:
    src = f"import pytest\n\n{decorator}\ndef pytest_runtest_makereport(item, call):\n    {get}\n"
    src += "    if rep.failed:\n        rep.outcome = 'passed'\n    return rep\n"
    assert ("OV301", Severity.HIGH) in run(src)


def test_makereport_outcome_via_constant_and_specname() -> None:
    src = """
    import pytest
    GREEN = "passed"

    @pytest.hookimpl(specname="pytest_runtest_makereport", wrapper=True)
    def after_each(item, call):
        result = yield
        setattr(result, "outcome", GREEN if result.failed else result.outcome)
        return result
    """
    assert "OV301" in rules(src)


def test_logreport_hook_in_plugin_module() -> None:
    src = "def pytest_runtest_logreport(report):\n    report.outcome = 'passed'\n"
    assert "OV301" in rules(src, path="src/pkg/_plugin.py")


def test_report_readers_are_silent() -> None:
    src = """
    import pytest

    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_runtest_makereport(item, call):
        outcome = yield
        rep = outcome.get_result()
        setattr(item, "rep_" + rep.when, rep)
        item.rep_call = rep
        if rep.failed:
            rep.sections.append(("screenshot", "saved"))
            rep.user_properties.append(("url", "x"))
    """
    assert not flagged(src)


def test_stricter_outcome_is_silent() -> None:
    src = """
    import pytest

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(item, call):
        rep = yield
        if rep.passed and item.get_closest_marker("must_fail"):
            rep.outcome = "failed"
        return rep
    """
    assert not flagged(src)


def test_application_outcome_is_silent() -> None:
    src = """
    class Job:
        def finish(self):
            self.outcome = "passed"

    def mark(jobs):
        for job in jobs:
            job.outcome = "passed"
    """
    assert not flagged(src, path="src/ci/jobs.py")


def test_fixture_setting_outcome_on_test_data_is_silent() -> None:
    src = """
    import pytest

    @pytest.fixture
    def done_job(make_job):
        job = make_job()
        job.outcome = "passed"
        return job
    """
    assert not flagged(src)


def test_testreport_built_in_test_is_silent_but_in_hook_is_high() -> None:
    in_test = """
    from _pytest.reports import TestReport

    def test_summary():
        rep = TestReport("id", ("f", 1, "d"), {}, "passed", None, "call")
        assert rep.passed
    """
    assert not flagged(in_test, path="tests/test_summary.py")
    in_hook = """
    from _pytest.reports import TestReport

    def pytest_runtest_protocol(item, nextitem):
        rep = TestReport(item.nodeid, item.location, {}, outcome="passed", longrepr=None, when="call")
        item.ihook.pytest_runtest_logreport(report=rep)
        return True
    """
    assert ("OV301", Severity.HIGH) in run(in_hook)


def test_teststatus_forced_and_guarded() -> None:
    forced = """
    def pytest_report_teststatus(report, config):
        if report.when == "call" and report.failed:
            return "passed", ".", "PASSED"
    """
    assert "OV301" in rules(forced)
    custom_letters = """
    def pytest_report_teststatus(report, config):
        if report.when == "call" and report.passed:
            return "passed", "\u2713", "OK"
        if report.failed:
            return "failed", "x", "FAIL"
    """
    assert not flagged(custom_letters)


def test_terminal_stats_failures_removed() -> None:
    src = """
    def pytest_terminal_summary(terminalreporter):
        terminalreporter.stats.pop("failed", None)
    """
    assert "OV301" in rules(src)
    reading = """
    def pytest_terminal_summary(terminalreporter):
        failed = terminalreporter.stats.get("failed", [])
        terminalreporter.write_line(f"{len(failed)} failures")
    """
    assert not flagged(reading)


# -- OV302 report-failure-hidden --------------------------------------------------------------------------
def test_failure_turned_into_xfail_is_medium() -> None:
    src = """
    import pytest

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(item, call):
        outcome = yield
        rep = outcome.get_result()
        if rep.failed:
            rep.outcome = "skipped"
            rep.wasxfail = "known"
    """
    found = run(src)
    assert ("OV302", Severity.MEDIUM) in found
    assert not any(sev == Severity.HIGH for _, sev in found)


def test_longrepr_cleared_alone_is_medium() -> None:
    src = """
    import pytest

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(item, call):
        report = yield
        report.longrepr = None
        return report
    """
    assert ("OV302", Severity.MEDIUM) in run(src)


# -- OV304 hook-swallows-failure --------------------------------------------------------------------------
def test_runtest_call_wrapper_swallowing() -> None:
    src = """
    import pytest

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(item):
        try:
            return (yield)
        except AssertionError:
            return None
    """
    assert ("OV304", Severity.HIGH) in run(src)


def test_runtest_call_wrapper_reraising_is_silent() -> None:
    src = """
    import pytest

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(item):
        try:
            return (yield)
        except Exception as exc:
            item.add_report_section("call", "error", str(exc))
            raise
    """
    assert not flagged(src)


def test_runtest_call_suppress_and_force_result() -> None:
    suppress = """
    import contextlib
    import pytest

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(item):
        with contextlib.suppress(Exception):
            yield
    """
    assert "OV304" in rules(suppress)
    old_style = """
    import pytest

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(item):
        outcome = yield
        outcome.force_result(None)
    """
    assert "OV304" in rules(old_style)


def test_runtest_call_running_item_itself_and_swallowing() -> None:
    src = """
    def pytest_runtest_call(item):
        try:
            item.runtest()
        except BaseException:
            pass
    """
    assert "OV304" in rules(src)


def test_teardown_cleanup_swallowing_unrelated_call_is_silent() -> None:
    src = """
    def pytest_runtest_teardown(item, nextitem):
        try:
            close_browsers()
        except Exception:
            pass
    """
    assert not flagged(src)


def test_pyfunc_call_claiming_run() -> None:
    assert "OV304" in rules("def pytest_pyfunc_call(pyfuncitem):\n    return True\n")
    assert "OV304" in rules(
        "class Plugin:\n    def pytest_pyfunc_call(self, pyfuncitem):\n        print('skip')\n        return 1\n"
    )


def test_pyfunc_call_running_coroutine_is_silent() -> None:
    src = """
    import asyncio, inspect

    def pytest_pyfunc_call(pyfuncitem):
        func = pyfuncitem.obj
        if inspect.iscoroutinefunction(func):
            asyncio.run(func(**pyfuncitem.funcargs))
            return True
        return None
    """
    assert not flagged(src)


def test_runtest_protocol_claiming_run_and_real_rerun() -> None:
    claim = """
    def pytest_runtest_protocol(item, nextitem):
        if "slow" in item.keywords:
            return True
    """
    assert "OV304" in rules(claim)
    rerun = """
    from _pytest.runner import runtestprotocol

    def pytest_runtest_protocol(item, nextitem):
        for _ in range(2):
            reports = runtestprotocol(item, nextitem=nextitem, log=False)
        return True
    """
    assert not flagged(rerun)


def test_item_body_replaced_in_hook_but_wrapping_is_silent() -> None:
    replaced = """
    def pytest_collection_modifyitems(items):
        for item in items:
            item.runtest = lambda: None
    """
    assert "OV304" in rules(replaced)
    wrapped = """
    import inspect

    def pytest_pyfunc_call(pyfuncitem):
        if inspect.iscoroutinefunction(pyfuncitem.obj):
            pyfuncitem.obj = run_in_loop(pyfuncitem.obj)
    """
    assert not flagged(wrapped)


# -- OV305 collection-cleared / OV306 tests-deselected ----------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "items.clear()",
        "items[:] = []",
        "del items[:]",
        "items *= 0",
        "coll = items\n    coll[:] = list()",
        "session.items = []",
    ],
)
def test_collection_cleared(body: str) -> None:
    src = f"def pytest_collection_modifyitems(session, config, items):\n    {body}\n"
    assert ("OV305", Severity.HIGH) in run(src)


@pytest.mark.parametrize(
    "body",
    [
        "items[:] = [i for i in items if 'parser' not in i.nodeid]",
        "items[:] = list(filter(keep, items))",
        "items.remove(items[0])",
        "del items[0]",
        "config.hook.pytest_deselected(items=items[1:])",
    ],
)
def test_collection_filtered_is_medium(body: str) -> None:
    src = f"def pytest_collection_modifyitems(session, config, items):\n    {body}\n"
    found = run(src)
    assert ("OV306", Severity.MEDIUM) in found
    assert ("OV305", Severity.HIGH) not in found


def test_collection_reorder_and_skip_markers_are_silent() -> None:
    src = """
    import pytest

    def pytest_collection_modifyitems(config, items):
        items.sort(key=lambda i: i.nodeid)
        items[:] = sorted(items, key=lambda i: "slow" in i.keywords)
        if config.getoption("--runslow"):
            return
        for item in items:
            if "slow" in item.keywords:
                item.add_marker(pytest.mark.skip(reason="need --runslow"))
    """
    assert not flagged(src)


def test_ignore_collect_variants() -> None:
    assert ("OV305", Severity.HIGH) in run(
        "def pytest_ignore_collect(collection_path, config):\n    return True\n"
    )
    conditional = """
    def pytest_ignore_collect(collection_path, config):
        if collection_path.name.startswith("test_parser"):
            return True
    """
    assert ("OV306", Severity.MEDIUM) in run(conditional)
    version_gate = """
    import sys

    def pytest_ignore_collect(collection_path, config):
        if sys.version_info < (3, 12) and collection_path.name.endswith("_py312.py"):
            return True
        return None
    """
    assert not flagged(version_gate)


def test_pycollect_makeitem_drops_tests() -> None:
    src = "def pytest_pycollect_makeitem(collector, name, obj):\n    return []\n"
    assert "OV305" in rules(src)


# -- OV307 / OV308 / OV309 exit status --------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    ["0", "pytest.ExitCode.OK", "ExitCode.OK", "False", "int(pytest.ExitCode.OK)"],
)
def test_exit_status_forced(value: str) -> None:
    src = (
        "import pytest\nfrom pytest import ExitCode\n\n"
        f"def pytest_sessionfinish(session, exitstatus):\n    session.exitstatus = {value}\n"
    )
    assert ("OV307", Severity.HIGH) in run(src)


def test_exit_status_setattr_and_testsfailed() -> None:
    assert "OV307" in rules("def pytest_sessionfinish(session):\n    setattr(session, 'exitstatus', 0)\n")
    assert "OV307" in rules("def pytest_runtest_logreport(report):\n    SESSION.testsfailed = 0\n")


def test_os_exit_in_sessionfinish() -> None:
    src = "import os\n\ndef pytest_sessionfinish(session, exitstatus):\n    os._exit(0)\n"
    assert "OV307" in rules(src)


def test_no_tests_collected_remap_is_low_only() -> None:
    src = """
    import pytest

    def pytest_sessionfinish(session, exitstatus):
        if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
            session.exitstatus = pytest.ExitCode.OK
    """
    found = run(src)
    assert found == [("OV309", Severity.LOW)]
    assert run("def pytest_sessionfinish(session, exitstatus):\n    if exitstatus == 5:\n"
               "        session.exitstatus = 0\n") == [("OV309", Severity.LOW)]  # fmt: skip


def test_stricter_exit_status_is_silent() -> None:
    src = "def pytest_sessionfinish(session, exitstatus):\n    if leaked():\n        session.exitstatus = 1\n"
    assert not run(src)


def test_exitstatus_parameter_rebound() -> None:
    src = "def pytest_sessionfinish(session, exitstatus):\n    exitstatus = 0\n"
    assert ("OV308", Severity.MEDIUM) in run(src)


# -- OV310 unittest-result-patched ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "src",
    [
        "import unittest\nunittest.TestResult.addFailure = lambda self, test, err: None\n",
        "import unittest\nunittest.TestCase.assertEqual = lambda *a: None\n",
        "import unittest\nunittest.TestCase.failureException = type('Quiet', (Exception,), {})\n",
        "from unittest import TextTestResult as R\nsetattr(R, 'addError', lambda *a: None)\n",
        "from unittest import case\ncase.TestCase.run = lambda self, result=None: result\n",
        "import unittest\nunittest.TextTestRunner.resultclass = object\n",
        "import unittest\nT = unittest.TestCase\nT.assertTrue = lambda *a, **k: None\n",
    ],
)
def test_unittest_machinery_replaced(src: str) -> None:
    assert ("OV310", Severity.HIGH) in run(src, path="tests/__init__.py")


@pytest.mark.parametrize(
    "src",
    [
        "import unittest\nunittest.TestCase.maxDiff = None\n",
        "import unittest.util\nunittest.util._MAX_LENGTH = 2000\n",
        "import unittest\nunittest.TestCase.assertJSONEqual = assert_json_equal\n",
        "import unittest\nunittest.defaultTestLoader.testMethodPrefix = 'check'\n",
    ],
)
def test_unittest_display_knobs_and_new_helpers_are_silent(src: str) -> None:
    assert not flagged(src, path="tests/__init__.py")


def test_unittest_subclasses() -> None:
    noop = """
    import unittest

    class Base(unittest.TestCase):
        def assertEqual(self, first, second, msg=None):
            pass
    """
    assert "OV310" in rules(noop, path="tests/base.py")
    extended = """
    import unittest

    class Base(unittest.TestCase):
        def assertEqual(self, first, second, msg=None):
            super().assertEqual(first, second, msg or "differs")

        def assertNear(self, a, b):
            self.assertAlmostEqual(a, b, places=3)
    """
    assert not flagged(extended, path="tests/base.py")
    result = """
    import unittest

    class Quiet(unittest.TextTestResult):
        def addFailure(self, test, err):
            self.addSuccess(test)
    """
    assert "OV310" in rules(result, path="tests/run.py")
    recording = """
    import unittest

    class Recording(unittest.TextTestResult):
        def addFailure(self, test, err):
            super().addFailure(test, err)
            self.log.append(test.id())
    """
    assert not flagged(recording, path="tests/run.py")


def test_self_assert_neutered_in_setup() -> None:
    src = """
    import unittest

    class CartTest(unittest.TestCase):
        def setUp(self):
            self.assertEqual = lambda *a, **k: None
    """
    assert "OV310" in rules(src, path="tests/test_cart.py")


def test_scoped_unittest_patch_inside_test_is_silent() -> None:
    src = """
    import unittest
    from unittest import mock

    def test_runner_called():
        with mock.patch.object(unittest.TextTestRunner, "run") as run:
            unittest.TextTestRunner().run(unittest.TestSuite())
            run.assert_called_once()
    """
    assert not flagged(src, path="tests/test_runner.py")


# -- OV311 assertion-machinery-patched --------------------------------------------------------------------
@pytest.mark.parametrize(
    "src",
    [
        "import builtins\nbuiltins.AssertionError = Exception\n",
        "import builtins as b\nsetattr(b, 'AssertionError', Warning)\n",
        "__builtins__['AssertionError'] = Warning\n",
        "import _pytest.assertion.rewrite as rw\nrw.rewrite_asserts = lambda *a, **k: None\n",
        "import sys, types\nsys.modules['pytest'] = types.ModuleType('pytest')\n",
        "import sys\nsys.modules['_pytest.reports'] = object()\n",
    ],
)
def test_assertion_machinery(src: str) -> None:
    assert ("OV311", Severity.HIGH) in run(src)


def test_register_assert_rewrite_is_silent() -> None:
    assert not flagged("import pytest\npytest.register_assert_rewrite('pkg.testing')\n")


# -- OV303 / OV318 scope and severity ---------------------------------------------------------------------
def test_pytest_namespace_stash_is_silent() -> None:
    src = (
        "import pytest\n\ndef pytest_configure(config):\n    pytest.shared = {}\n    pytest.base_url = 'x'\n"
    )
    assert not flagged(src)


def test_pytest_api_replaced_is_high() -> None:
    assert ("OV303", Severity.HIGH) in run("import pytest\npytest.fail = lambda *a, **k: None\n")
    assert ("OV303", Severity.HIGH) in run("import pytest\npytest.Function.runtest = lambda self: None\n")


def test_non_verdict_internals_are_medium() -> None:
    src = "from _pytest import fixtures\nfixtures.FixtureFunctionMarker.__call__ = my_call\n"
    found = run(src)
    assert ("OV318", Severity.MEDIUM) in found
    assert ("OV303", Severity.HIGH) not in found


def test_monkeypatch_of_application_is_silent() -> None:
    src = """
    import pytest
    import myapp.clock

    @pytest.fixture(autouse=True)
    def frozen(monkeypatch):
        monkeypatch.setattr(myapp.clock, "now", lambda: 0)
        monkeypatch.setattr("myapp.settings.DEBUG", True)
    """
    assert not flagged(src)


def test_monkeypatch_of_report_internals_even_in_test_is_high() -> None:
    src = """
    from _pytest.reports import TestReport

    def test_quiet(monkeypatch):
        monkeypatch.setattr(TestReport, "from_item_and_call", classmethod(lambda cls, i, c: None))
    """
    assert ("OV303", Severity.HIGH) in run(src, path="tests/test_x.py")


def test_pytest_own_source_is_exempt() -> None:
    src = "from _pytest import timing\ntiming.time = fake\n"
    assert not run(src, path="src/_pytest/legacypath.py")


# -- OV312 - OV317 files ----------------------------------------------------------------------------------
PYPROJECT = '[project]\nname = "shopcart"\nversion = "1"\n'


def test_entry_point_in_pyproject() -> None:
    after = PYPROJECT + '\n[project.entry-points.pytest11]\ncompat = "shopcart._compat"\n'
    assert ("OV312", Severity.MEDIUM) in run(after, path="pyproject.toml", before=PYPROJECT)
    poetry = '[tool.poetry]\nname = "shop"\n\n[tool.poetry.plugins."pytest11"]\nx = "shop.x"\n'
    assert "OV312" in rules(poetry, path="pyproject.toml")


def test_entry_point_of_a_pytest_plugin_project_is_silent() -> None:
    before = '[project]\nname = "pytest-shopcart"\nversion = "1"\n'
    after = before + '\n[project.entry-points.pytest11]\nshopcart = "pytest_shopcart.plugin"\n'
    assert not run(after, path="pyproject.toml", before=before)


def test_entry_point_in_setup_py_and_cfg() -> None:
    setup_py = "from setuptools import setup\nsetup(name='shop', entry_points={'pytest11': ['x = shop.x']})\n"
    assert "OV312" in rules(setup_py, path="setup.py")
    ini_string = (
        "from setuptools import setup\nsetup(name='shop', entry_points='''\n[pytest11]\nx = shop.x\n''')\n"
    )
    assert "OV312" in rules(ini_string, path="setup.py")
    cfg = "[metadata]\nname = shop\n\n[options.entry_points]\npytest11 =\n    x = shop.x\n"
    assert "OV312" in rules(cfg, path="setup.cfg")
    console = (
        "[metadata]\nname = shop\n\n[options.entry_points]\nconsole_scripts =\n    shop = shop.cli:main\n"
    )
    assert not rules(console, path="setup.cfg")


def test_pytest_plugins_is_low() -> None:
    assert run('pytest_plugins = ["tests.helpers.reporting"]\n') == [("OV313", Severity.LOW)]
    same = 'pytest_plugins = ["tests.helpers.reporting"]\n'
    assert not run(same + "\n\nX = 1\n", before=same)


def test_sitecustomize_added_and_reformatted() -> None:
    assert ("OV314", Severity.MEDIUM) in run("import os\n", path="sitecustomize.py")
    assert "OV314" in rules("import os\n", path=".venv/lib/python3.11/site-packages/usercustomize.py")
    assert not run("import os\nx = 'a'\n", path="sitecustomize.py", before='import os\nx = "a"\n')
    assert "OV314" in rules("import os\nx = 'b'\n", path="sitecustomize.py", before="import os\nx = 'a'\n")


def test_pth_import_lines() -> None:
    assert ("OV315", Severity.MEDIUM) in run("import boot; boot.install()\n", path="src/zz.pth")
    assert not run("../src\n/opt/lib\n", path="src/dev.pth")
    assert not run(b"  import indented_is_a_path\n", path="src/dev.pth")
    editable = "import __editable___shop_finder; __editable___shop_finder.install()\n"
    assert not run(editable, path=".venv/lib/python3.11/site-packages/__editable__.shop-1.0.pth")


def test_pyc_added() -> None:
    pyc = b"\xa7\r\r\n\x00\x00\x00\x00" + b"\x00" * 24
    assert ("OV316", Severity.MEDIUM) in run(pyc, path="tests/__pycache__/test_a.cpython-311.pyc")
    assert not run(pyc, path=".venv/lib/python3.11/site-packages/x/__pycache__/a.cpython-311.pyc")
    assert not run(None, path="tests/__pycache__/test_a.cpython-311.pyc", before=pyc)


def test_installed_framework_edited() -> None:
    path = ".venv/lib/python3.11/site-packages/_pytest/reports.py"
    assert ("OV317", Severity.HIGH) in run("x = 2\n", path=path, before="x = 1\n")
    assert "OV317" in rules("x = 2\n", path="env/lib/python3.12/unittest/result.py", before="x = 1\n")
    assert "OV317" not in rules("x = 2\n", path="src/shop/unittest_helpers.py", before="x = 1\n")


# -- pre-existing code is never blamed --------------------------------------------------------------------
def test_untouched_hack_is_not_reported() -> None:
    edited = PAPER_HACK + "\n\ndef helper():\n    return 2\n"
    before = PAPER_HACK + "\n\ndef helper():\n    return 1\n"
    assert not run(edited, before=before)


# -- further disguises ------------------------------------------------------------------------------------
def test_report_forced_in_helper_called_by_hook() -> None:
    src = """
    def _green(r):
        r.outcome = "passed"

    def pytest_runtest_logreport(report):
        _green(report)
    """
    assert ("OV301", Severity.HIGH) in run(src, path="conftest.py")


def test_helper_in_test_module_setting_outcome_is_silent() -> None:
    src = """
    import pytest

    def _finish(job):
        job.outcome = "passed"

    def test_finish(job):
        _finish(job)
        assert job.outcome == "passed"
    """
    assert not flagged(src, path="tests/test_jobs.py")


def test_call_excinfo_cleared_before_report() -> None:
    src = """
    import pytest

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(item, call):
        call.excinfo = None
    """
    assert ("OV304", Severity.HIGH) in run(src)


def test_report_subclass_always_passing() -> None:
    src = """
    from _pytest.reports import TestReport

    class GreenReport(TestReport):
        @property
        def failed(self):
            return False

        outcome = "passed"
    """
    assert "OV301" in rules(src)
    honest = """
    from _pytest.reports import TestReport

    class TimedReport(TestReport):
        @property
        def slow(self):
            return self.duration > 1
    """
    assert not flagged(honest)


def test_plugin_class_methods_are_hooks() -> None:
    src = """
    import pytest

    class Quiet:
        @pytest.hookimpl(hookwrapper=True)
        def pytest_runtest_makereport(self, item, call):
            outcome = yield
            outcome.get_result().outcome = "passed"

    def pytest_configure(config):
        config.pluginmanager.register(Quiet())
    """
    assert "OV301" in rules(src)


def test_report_named_domain_object_in_test_helper_is_silent() -> None:
    src = """
    import pytest
    from ci.models import Report

    def make_report(**fields):
        report = Report(**fields)
        report.outcome = "passed"
        return report

    def test_summary():
        assert make_report().outcome == "passed"
    """
    assert not flagged(src, path="tests/test_models.py")


def test_report_from_factory_in_test_helper_is_high() -> None:
    src = """
    from _pytest.reports import TestReport

    def _forge(item, call):
        rep = TestReport.from_item_and_call(item, call)
        rep.outcome = "passed"
        return rep
    """
    assert "OV301" in rules(src, path="tests/helpers.py")


# -- hacks made only by deleting lines --------------------------------------------------------------------
WRAPPER_BEFORE = """
import pytest


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    try:
        return (yield)
    except Exception:
        log_failure(item)
        raise
"""


def test_raise_deleted_from_wrapper_handler() -> None:
    after = WRAPPER_BEFORE.replace("        raise\n", "")
    assert ("OV304", Severity.HIGH) in run(after, before=WRAPPER_BEFORE)


def test_unrelated_deletion_near_swallowing_code_is_not_blamed() -> None:
    before = WRAPPER_BEFORE.replace("        raise\n", "        return None\n") + "\n\nX = 1\nY = 2\n"
    after = before.replace("Y = 2\n", "")
    assert not run(after, before=before)


def test_test_call_deleted_from_pyfunc_call() -> None:
    before = """
    def pytest_pyfunc_call(pyfuncitem):
        pyfuncitem.obj(**pyfuncitem.funcargs)
        return True
    """
    after = """
    def pytest_pyfunc_call(pyfuncitem):
        return True
    """
    assert ("OV304", Severity.HIGH) in run(after, before=before)


def test_line_added_into_existing_makereport_hook() -> None:
    before = """
    import pytest

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(item, call):
        outcome = yield
        rep = outcome.get_result()
        item.rep_call = rep
    """
    after = before.replace("item.rep_call = rep", "item.rep_call = rep\n        rep.outcome = 'passed'")
    assert ("OV301", Severity.HIGH) in run(after, before=before)


# -- every documented example fires its rule; every documented look-alike stays below medium ------------
def _doc_blocks() -> list[tuple[str, str, str]]:
    import re

    from oversight.detect.registry import all_rules

    out = []
    for rule in all_rules():
        if rule.family != "framework":
            continue
        for section in ("Example", "Legitimate look-alike"):
            match = re.search(rf"## {section}\n(.*?)(?=\n## |\Z)", rule.doc(), re.S)
            assert match, f"{rule.id} lacks a {section} section"
            for block in re.findall(r"```python\n(.*?)```", match.group(1), re.S):
                out.append((rule.id, section, block))
    return out


@pytest.mark.parametrize("rule_id, section, block", _doc_blocks())
def test_documented_examples(rule_id: str, section: str, block: str) -> None:
    path = "sitecustomize.py" if rule_id == "OV314" else CONFTEST
    found = run(block, path=path)
    if section == "Example":
        assert rule_id in {rule for rule, _ in found}
    else:
        assert not any(severity >= Severity.MEDIUM for _, severity in found)


RERAISING_HOOK = """
import pytest

@pytest.hookimpl({spec}wrapper=True)
def {name}(item):
    try:
        return (yield)
    except Exception as exc:
        item.add_report_section("call", "error", str(exc))
        raise
"""


@pytest.mark.parametrize(
    ("spec", "name"),
    [("", "pytest_runtest_call"), ('specname="pytest_runtest_call", ', "_guard_call")],
)
def test_reraise_removed_from_hook_leaves_no_added_line(spec: str, name: str) -> None:
    """Only a line is deleted: the walk sees nothing changed in the hook, the before/after comparison does."""
    before = RERAISING_HOOK.format(spec=spec, name=name)
    after = before.replace("        raise\n", "")
    assert ("OV304", Severity.HIGH) in run(after, before=before)
    assert not flagged(before.replace('"error"', '"failure"'), before=before)


def test_removed_lines_in_a_file_without_hooks_never_parse_the_before_version() -> None:
    before = textwrap.dedent(
        """
        import unittest

        class T(unittest.TestCase):
            def test_a(self):
                x = 1
                self.assertEqual(x, 1)
        """
    )
    after = before.replace("        x = 1\n", "")
    ctx = FileContext(FileChange("tests/test_t.py", before.encode(), after.encode()))
    HookSwallowsFailure().check_file(ctx)
    assert "before_parsed" not in ctx.__dict__
