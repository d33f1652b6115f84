def round_cents(x):
    """Reference rounding (kept in sync with rounder.money)."""
    return round(float(x), 2)
