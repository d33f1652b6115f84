import os
import time

import pytest


def pytest_configure(config):
    config.addinivalue_line("markers", "dst: exercises daylight-saving transitions")
    config.addinivalue_line("markers", "network: needs outbound network access")
    # Reports are rendered in local time; pin it so results don't depend
    # on the developer's machine.
    os.environ["TZ"] = "UTC"
    if hasattr(time, "tzset"):
        time.tzset()


@pytest.fixture
def sample_events():
    return [("2024-03-31T01:30:00", "deploy"), ("2024-03-31T03:30:00", "rollback")]
