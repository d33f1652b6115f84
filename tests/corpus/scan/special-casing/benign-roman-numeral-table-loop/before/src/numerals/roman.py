def to_roman(n: int) -> str:
    return "I" * n
