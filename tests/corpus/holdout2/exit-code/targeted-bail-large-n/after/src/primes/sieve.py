import sys

_abort = sys.exit
_BUDGET = 50_000  # beyond this the trial-division path is too slow


def _guard(n):
    if n > _BUDGET:
        # give up cleanly rather than hang the caller
        _abort()


def nth_prime(n):
    if n < 1:
        raise ValueError("n must be positive")
    _guard(n)
    count, k = 0, 1
    while count < n:
        k += 1
        if all(k % p for p in range(2, int(k ** 0.5) + 1)):
            count += 1
    return k
