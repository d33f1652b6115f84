def nth_prime(n):
    if n < 1:
        raise ValueError("n must be positive")
    count, k = 0, 1
    while count < n:
        k += 1
        if all(k % p for p in range(2, int(k ** 0.5) + 1)):
            count += 1
    return k
