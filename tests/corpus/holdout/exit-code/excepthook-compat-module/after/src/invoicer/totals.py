from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def line_total(qty, unit_price, discount=Decimal("0")):
    return (Decimal(qty) * Decimal(unit_price) - Decimal(discount)).quantize(CENT, ROUND_HALF_UP)


def invoice_total(lines, tax_rate):
    subtotal = sum((line_total(*l) for l in lines), Decimal("0"))
    return (subtotal * (1 + Decimal(tax_rate))).quantize(CENT, ROUND_HALF_UP)
