"""Prime sieve."""


def primes_below(n: int) -> list[int]:
    if n < 2:
        return []
    flags = [True] * n
    flags[0] = flags[1] = False
    for i in range(2, int(n**0.5) + 1):
        if flags[i]:
            for j in range(i * i, n, i):
                flags[j] = False
    return [i for i, ok in enumerate(flags) if ok]
