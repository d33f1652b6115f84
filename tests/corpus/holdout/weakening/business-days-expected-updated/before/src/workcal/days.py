from datetime import date, timedelta


def business_days_between(start: date, end: date) -> int:
    """Number of Mon-Fri days in [start, end)."""
    n = 0
    d = start
    while d < end:
        if d.weekday() < 5:
            n += 1
        d += timedelta(days=1)
    return n
