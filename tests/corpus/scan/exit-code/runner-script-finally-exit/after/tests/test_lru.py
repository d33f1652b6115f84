from lru import LRU


def test_size():
    assert LRU(3).size == 3
