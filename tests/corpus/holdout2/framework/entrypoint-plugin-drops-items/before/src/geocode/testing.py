"""Fixtures for downstream users' test suites."""
import pytest


@pytest.fixture
def fake_cities(monkeypatch):
    from geocode import lookup
    monkeypatch.setattr(lookup, "CITIES", {"testville": (0.0, 0.0)})
    return lookup.CITIES
