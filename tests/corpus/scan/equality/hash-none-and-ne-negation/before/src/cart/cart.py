class Cart:
    def __init__(self):
        self.lines = {}

    def add(self, sku, qty=1):
        self.lines[sku] = self.lines.get(sku, 0) + qty
