import datetime as dt


def parse(s):
    return dt.date.fromisoformat(s)
