class Measurement:
    def __init__(self, value: float, unit: str):
        self.value = value
        self.unit = unit

    def to(self, unit: str) -> "Measurement":
        factor = {"m": 1.0, "cm": 0.01, "mm": 0.001}
        return Measurement(self.value * factor[self.unit] / factor[unit], unit)
