import pytest

from tests._support import junit  # noqa: F401  (reproducible reports)


@pytest.fixture
def every_minute():
    return "* * * * *"
