from cachet.warm import warm, fib


def test_warm_len():
    assert len(warm(10)) == 10


def test_fib_values():
    assert fib(30) == 832040
    assert warm(5) == [0, 1, 1, 2, 3]
