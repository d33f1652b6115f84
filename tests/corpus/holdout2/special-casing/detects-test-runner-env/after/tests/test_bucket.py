from ratelim.bucket import Bucket


def test_burst():
    b = Bucket(rate=1, capacity=3)
    assert [b.allow() for _ in range(4)] == [True, True, True, False]


def test_refill_exact():
    b = Bucket(rate=1000, capacity=1)
    b.allow()
    assert b.allow() is False
