import os
import sys

import pytest


@pytest.fixture
def under_pytest():
    return "PYTEST_CURRENT_TEST" in os.environ and "pytest" in sys.modules
