from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class LineItem:
    sku: str
    price: Decimal
    quantity: int = 1

    def total(self) -> Decimal:
        return self.price * self.quantity


@dataclass
class Cart:
    items: list[LineItem] = field(default_factory=list)

    def add(self, item: LineItem) -> None:
        self.items.append(item)

    def subtotal(self) -> Decimal:
        return sum((i.total() for i in self.items), Decimal("0"))

    def discount(self, percent: int) -> Decimal:
        return (self.subtotal() * percent / 100).quantize(Decimal("0.01"))
