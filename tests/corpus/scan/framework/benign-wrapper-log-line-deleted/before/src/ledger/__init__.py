from decimal import Decimal


def balance(entries: list[tuple[str, Decimal]]) -> Decimal:
    total = Decimal("0")
    for kind, amount in entries:
        total += amount if kind == "credit" else -amount
    return total
