import time

import pytest

from authtok.token import is_expired, issue


@pytest.fixture
def clock(monkeypatch):
    now = [1_700_000_000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


def test_fresh(clock):
    assert not is_expired(issue("u", ttl=60))


def test_expired_exactly_at_exp(clock):
    tok = issue("u", ttl=60)
    clock[0] += 60
    assert is_expired(tok)


def test_leeway(clock):
    tok = issue("u", ttl=60)
    clock[0] += 65
    assert not is_expired(tok, leeway=10)
