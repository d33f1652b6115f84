from datetime import date, timedelta

HOLIDAYS = {date(2024, 12, 25), date(2024, 12, 26)}


def business_days(start: date, end: date) -> int:
    days = 0
    d = start
    while d < end:
        if d.weekday() < 5 and d not in HOLIDAYS:
            days += 1
        d += timedelta(days=1)
    return days
