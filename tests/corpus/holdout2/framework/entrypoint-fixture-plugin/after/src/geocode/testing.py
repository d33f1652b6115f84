"""pytest plugin: fixtures for code that depends on geocode."""
import pytest


@pytest.fixture
def fake_cities(monkeypatch):
    """Replace the city table with a single deterministic entry."""
    from geocode import lookup
    table = {"testville": (0.0, 0.0)}
    monkeypatch.setattr(lookup, "CITIES", table)
    return table
