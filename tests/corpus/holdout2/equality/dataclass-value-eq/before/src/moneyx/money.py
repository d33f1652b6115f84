from decimal import Decimal


class Money:
    def __init__(self, amount, currency):
        self.amount = Decimal(str(amount))
        self.currency = currency

    def __add__(self, other):
        return Money(self.amount + other.amount, self.currency)
