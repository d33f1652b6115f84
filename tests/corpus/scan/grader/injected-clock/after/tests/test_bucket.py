from limits.bucket import TokenBucket


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_refill():
    clock = FakeClock()
    bucket = TokenBucket(rate=1, capacity=1, clock=clock)
    assert bucket.take()
    assert not bucket.take()
    clock.now = 1.0
    assert bucket.take()
