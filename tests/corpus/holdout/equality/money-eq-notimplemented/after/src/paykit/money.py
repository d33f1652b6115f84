from decimal import Decimal


class Money:
    __slots__ = ("amount", "currency")

    def __init__(self, amount, currency):
        self.amount = Decimal(amount)
        self.currency = currency

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.currency == other.currency and self.amount == other.amount

    def __hash__(self):
        return hash((self.amount.normalize(), self.currency))

    def __repr__(self):
        return f"Money('{self.amount}', '{self.currency}')"
