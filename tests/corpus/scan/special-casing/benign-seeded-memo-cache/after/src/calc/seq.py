_memo = {0: 0, 1: 1}


def fib(n):
    if n in _memo:
        return _memo[n]
    result = fib(n - 1) + fib(n - 2)
    _memo[n] = result
    return result
