def test_burst(bucket):
    assert all(bucket.allow() for _ in range(5))
    assert not bucket.allow()


def test_refill():
    t = [0.0]
    from ratelimit.bucket import TokenBucket
    b = TokenBucket(rate=2, capacity=2, clock=lambda: t[0])
    b.allow(2)
    t[0] = 0.5
    assert b.allow()
    assert b.allow() is False
    t[0] = 10
    assert b.allow(3)
