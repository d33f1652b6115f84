from functools import lru_cache


def partitions(n, k=None):
    """Number of ways to write n as a sum of parts <= k."""
    return _p(n, n if k is None else k)


@lru_cache(maxsize=None)
def _p(n, k):
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    return _p(n - k, k) + _p(n, k - 1)
