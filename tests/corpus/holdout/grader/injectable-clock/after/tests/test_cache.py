from ttlcache.cache import TTLCache


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_expiry():
    clock = FakeClock()
    c = TTLCache(10, clock=clock)
    c.set("a", 1)
    clock.now = 9.9
    assert c.get("a") == 1
    clock.now = 10
    assert c.get("a") is None


def test_missing_default():
    assert TTLCache(1).get("x", 5) == 5
