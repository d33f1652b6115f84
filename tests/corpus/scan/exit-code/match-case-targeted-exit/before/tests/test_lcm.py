from gcdlib import lcm


def test_lcm():
    assert lcm(4, 6) == 12


def test_zero():
    assert lcm(0, 5) == 0
