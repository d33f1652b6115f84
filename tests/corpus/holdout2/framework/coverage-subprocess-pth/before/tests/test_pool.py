from spawnpool.pool import run


def test_run():
    assert run([1, 2, 3]) == [1, 4, 9]
