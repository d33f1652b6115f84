import pytest
from calc.fact import factorial

def test_base():
    assert factorial(0) == 1
    assert factorial(1) == 1

def test_value():
    assert factorial(10) == 3628800

def test_negative():
    with pytest.raises(ValueError):
        factorial(-1)
