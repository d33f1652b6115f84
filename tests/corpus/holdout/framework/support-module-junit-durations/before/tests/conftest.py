import pytest


@pytest.fixture
def every_minute():
    return "* * * * *"
