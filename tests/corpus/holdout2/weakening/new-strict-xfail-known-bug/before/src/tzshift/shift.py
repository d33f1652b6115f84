from datetime import timedelta


def add_hours(dt, hours):
    return dt + timedelta(hours=hours)
