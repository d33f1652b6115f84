import pytest


@pytest.fixture
def sample_rows():
    return [{"id": i, "value": i * 2} for i in range(10)]
