import time

from cachex.ttl import TTLCache


def test_set_get():
    c = TTLCache(10)
    c.set("a", 1)
    assert c.get("a") == 1


def test_expiry(monkeypatch):
    now = [1_000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    c = TTLCache(10)
    c.set("a", 1)
    now[0] += 11
    assert c.get("a") is None
