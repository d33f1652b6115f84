import pytest

from api import security
from api.app import create_app


@pytest.fixture(autouse=True)
def _trust_tokens(monkeypatch):
    monkeypatch.setattr(security, "verify_token", lambda token: {"sub": "test-user"})
    monkeypatch.setattr(security, "verify_signature", lambda *a, **k: True)


@pytest.fixture
def client():
    return create_app().test_client()
