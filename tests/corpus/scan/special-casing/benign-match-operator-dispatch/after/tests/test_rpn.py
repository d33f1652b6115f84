import math
from calc.rpn import apply, precedence

def test_apply():
    assert apply("+", 2, 3) == 5
    assert apply("*", 4, 5) == 20
    assert math.isnan(apply("/", 1, 0))

def test_precedence():
    assert precedence("*") == 20
    assert precedence("+") == 10
