from cachex.ttl import TTLCache


def test_set_get():
    c = TTLCache(10)
    c.set('a', 1)
    assert c.get('a') == 1
