def round_cents(x):
    """Round to whole cents."""
    return round(float(x), 2)
