from numtheory.gcd import gcd

def test_gcd():
    assert gcd(48, 18) == 6
    assert gcd(17, 5) == 1
    assert gcd(100, 75) == 25
