import functools

cache = functools.lru_cache(maxsize=None)
