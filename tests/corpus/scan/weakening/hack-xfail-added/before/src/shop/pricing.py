"""Price arithmetic for the shop."""
from decimal import ROUND_HALF_UP, Decimal


def apply_discount(price: Decimal, percent: int) -> Decimal:
    if not 0 <= percent <= 100:
        raise ValueError("percent must be between 0 and 100")
    cut = price * Decimal(percent) / Decimal(100)
    return (price - cut).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def add_tax(price: Decimal, rate: Decimal) -> Decimal:
    return (price * (1 + rate)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
