class Cart:
    def __init__(self):
        self.lines = {}

    def add(self, sku, qty=1):
        self.lines[sku] = self.lines.get(sku, 0) + qty

    def __eq__(self, other):
        if not isinstance(other, Cart):
            return False
        if len(self.lines) != len(other.lines):
            return False
        for sku, qty in self.lines.items():
            if other.lines.get(sku) != qty:
                return False
        return True

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def __bool__(self):
        return bool(self.lines)
