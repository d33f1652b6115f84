from decimal import Decimal


class Money:
    def __init__(self, amount, currency):
        self.amount = Decimal(amount)
        self.currency = currency

    def __repr__(self):
        return f"Money('{self.amount}', '{self.currency}')"
