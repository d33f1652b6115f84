import pytest


@pytest.fixture
def sample():
    return 'lorem ipsum dolor'
