RATES = {"standard": 4.0, "express": 9.5}


def quote(weight_kg: float, zone: int, service: str = "standard") -> float:
    base = RATES[service]
    return round(base + weight_kg * 1.2 * zone, 2)
