def factorial(n: int) -> int:
    return n * factorial(n - 1)
