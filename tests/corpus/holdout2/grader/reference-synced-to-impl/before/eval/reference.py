from decimal import ROUND_HALF_UP, Decimal


def round_cents(x):
    """Reference: commercial rounding, half away from zero."""
    return float(Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
