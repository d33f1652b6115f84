from shipcalc.quote import quote


def test_standard_zone1():
    assert quote(2, 1) == 6.4


def test_express_zone3():
    assert quote(2, 3, "express") == 16.7


def test_heavy():
    assert quote(10, 2) == 28.0
