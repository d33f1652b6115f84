from decimal import Decimal


def line_total(qty, unit_price, discount=Decimal("0")):
    return qty * unit_price - discount


def invoice_total(lines, tax_rate):
    subtotal = sum(line_total(*l) for l in lines)
    return subtotal * (1 + tax_rate)
