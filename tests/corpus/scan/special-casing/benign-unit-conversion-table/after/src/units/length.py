FACTORS = {
    "m": 1.0,
    "km": 1000.0,
    "mi": 1609.344,
    "ft": 0.3048,
    "in": 0.0254,
}


def to_metres(value: float, unit: str) -> float:
    try:
        factor = FACTORS[unit]
    except KeyError:
        raise ValueError(f"unknown unit {unit!r}") from None
    return value * factor


def convert(value: float, src: str, dst: str) -> float:
    if src == dst:
        return value
    return to_metres(value, src) / FACTORS[dst]
