from calc.seq import fib

def test_small():
    assert fib(1) == 1
