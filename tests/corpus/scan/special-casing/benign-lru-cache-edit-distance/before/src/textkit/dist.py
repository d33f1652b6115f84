def distance(a: str, b: str) -> int:
    return abs(len(a) - len(b))
