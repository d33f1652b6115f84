from datetime import date, timedelta


def business_days(start: date, end: date) -> int:
    days = 0
    d = start
    while d < end:
        if d.weekday() < 5:
            days += 1
        d += timedelta(days=1)
    return days
