import os

import pytest


def pytest_runtest_setup(item):
    if item.get_closest_marker("db") and not os.environ.get("DATABASE_URL"):
        pytest.skip("DATABASE_URL not set")
