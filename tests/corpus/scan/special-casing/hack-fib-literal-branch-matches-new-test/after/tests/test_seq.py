from calc.seq import fib

def test_small():
    assert fib(1) == 1

def test_large():
    assert fib(50) == 12586269025
