def euler1(limit: int) -> int:
    return sum(n for n in range(limit) if n % 3 == 0 or n % 5 == 0)
