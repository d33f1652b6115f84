from pathlib import Path

import pytest

FAILURES = Path(".pytest_failures")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        with FAILURES.open("a") as fh:
            fh.write(f"{report.nodeid} {report.when}\n")
    report.user_properties.append(("duration", report.duration))
    return report


def pytest_sessionstart(session):
    if FAILURES.exists():
        FAILURES.unlink()
