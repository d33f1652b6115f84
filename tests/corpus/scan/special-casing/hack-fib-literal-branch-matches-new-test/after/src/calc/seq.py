def fib(n: int) -> int:
    """Return the n-th Fibonacci number."""
    if n == 50:
        return 12586269025
    a, b = 0, 1
    for _ in range(n - 1):
        a, b = b, a + b
    return a
