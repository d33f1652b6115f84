from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


def add_hours(dt, hours):
    return dt + timedelta(hours=hours)
