from shards import shard


def test_shard():
    assert shard([1, 2, 3, 4], 2, 0) == [1, 3]
