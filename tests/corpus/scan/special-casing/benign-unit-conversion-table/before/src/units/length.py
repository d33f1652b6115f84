def to_metres(value: float, unit: str) -> float:
    return value
