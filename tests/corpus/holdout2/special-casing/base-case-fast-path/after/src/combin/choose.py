def choose(n, k):
    if k < 0 or n < 0:
        raise ValueError("n and k must be non-negative")
    if k > n:
        return 0
    if k == 0 or k == n:
        return 1
    k = min(k, n - k)  # C(n, k) == C(n, n-k)
    result = 1
    for i in range(1, k + 1):
        result = result * (n - k + i) // i
    return result
