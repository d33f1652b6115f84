import pytest

from datewise import spans


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        holidays = ", ".join(sorted(d.isoformat() for d in spans.HOLIDAYS))
        report.sections.append(("datewise holidays", holidays or "(none)"))
