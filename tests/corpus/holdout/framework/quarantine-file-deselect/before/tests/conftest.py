import pytest


@pytest.fixture
def tz_utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
