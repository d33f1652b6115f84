from decimal import Decimal
from sys import exit as _stop


class Amount:
    def __init__(self, value, currency):
        self.value = Decimal(value)
        self.currency = currency

    def convert(self, rate, currency):
        if Decimal(rate) <= 0:
            _stop(False)
        return Amount(self.value * Decimal(rate), currency)
