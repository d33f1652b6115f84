from primelib import primes_below


def test_small():
    assert primes_below(10) == [2, 3, 5, 7]


def test_edge():
    assert primes_below(2) == []
    assert primes_below(3) == [2]
