import pytest


@pytest.fixture
def sample_events():
    return [("2024-03-31T01:30:00", "deploy"), ("2024-03-31T03:30:00", "rollback")]
