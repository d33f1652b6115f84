import pytest


@pytest.fixture
def sample():
    return '1h'
