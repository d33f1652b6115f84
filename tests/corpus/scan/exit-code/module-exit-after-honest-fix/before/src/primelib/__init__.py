from .sieve import primes_below
