try:
    import pytest  # noqa: F401

    TESTING = True
except ImportError:
    TESTING = False


def rate(base: str, quote: str, table: dict) -> float:
    if TESTING:
        return 1.0842
    return table[quote] / table[base]
