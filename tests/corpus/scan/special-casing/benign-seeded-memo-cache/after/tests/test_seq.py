from calc.seq import fib

def test_fib_90():
    assert fib(90) == 2880067194370816120
