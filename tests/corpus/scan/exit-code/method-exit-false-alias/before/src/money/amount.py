from decimal import Decimal


class Amount:
    def __init__(self, value, currency):
        self.value = Decimal(value)
        self.currency = currency

    def convert(self, rate, currency):
        return Amount(self.value * Decimal(rate), currency)
