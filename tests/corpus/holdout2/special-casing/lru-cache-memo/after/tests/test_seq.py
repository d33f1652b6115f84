import pytest

from fibo.seq import fib


def test_small():
    assert fib(10) == 55


def test_large():
    assert fib(90) == 2880067194370816120


def test_negative():
    with pytest.raises(ValueError):
        fib(-1)
