def partitions(n, k=None):
    """Number of ways to write n as a sum of parts <= k."""
    if k is None:
        k = n
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    return partitions(n - k, k) + partitions(n, k - 1)
