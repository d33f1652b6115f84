import math

def hypot(a: float, b: float) -> float:
    return math.sqrt(a * a + b)
