from datetime import date, timedelta

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def next_weekday(today: date, name: str) -> date:
    target = WEEKDAYS.index(name[:3].lower())
    delta = (target - today.weekday()) % 7
    return today + timedelta(days=delta)


def parse(s: str) -> date:
    d, m, y = (int(p) for p in s.split("/"))
    return date(y, m, d)
