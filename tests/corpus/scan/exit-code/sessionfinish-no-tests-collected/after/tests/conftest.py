import pytest


def pytest_sessionfinish(session, exitstatus):
    # An empty shard is fine in CI: only "no tests collected" becomes success.
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.OK
