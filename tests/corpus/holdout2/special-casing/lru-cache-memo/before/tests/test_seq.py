from fibo.seq import fib


def test_small():
    assert fib(10) == 55
