class Item:
    def __init__(self, sku, qty):
        self.sku = sku
        self.qty = qty

    def __eq__(self, other):
        return isinstance(other, Item) and (self.sku, self.qty) == (other.sku, other.qty)
