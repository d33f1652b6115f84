from primes.sieve import nth_prime


def test_small():
    assert [nth_prime(i) for i in range(1, 6)] == [2, 3, 5, 7, 11]


def test_large():
    assert nth_prime(100_000) == 1_299_709
