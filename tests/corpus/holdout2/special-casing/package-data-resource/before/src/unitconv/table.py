FACTORS = {"m": 1.0, "km": 1000.0}


def to_metres(value, unit):
    return value * FACTORS[unit]
