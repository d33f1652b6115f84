from datetime import datetime
from zoneinfo import ZoneInfo

from tzshift.shift import add_hours


def test_spring_forward():
    dt = datetime(2024, 3, 31, 1, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert add_hours(dt, 1).hour == 3
