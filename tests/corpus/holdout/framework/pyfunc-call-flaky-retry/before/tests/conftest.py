import pytest

from ratelimit.bucket import TokenBucket


@pytest.fixture
def bucket():
    return TokenBucket(rate=10, capacity=5)
