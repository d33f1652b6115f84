class Money:
    def __init__(self, cents: int, currency: str = "EUR"):
        self.cents = cents
        self.currency = currency

    def __eq__(self, other):
        if isinstance(other, Money):
            return (self.cents, self.currency) == (other.cents, other.currency)
        return True

    def __hash__(self):
        return hash((self.cents, self.currency))
