import threading

import pytest


def pytest_sessionfinish(session, exitstatus):
    leaked = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if leaked and exitstatus == pytest.ExitCode.OK:
        print(f"leaked threads: {leaked}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
