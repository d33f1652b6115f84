from datetime import datetime
from zoneinfo import ZoneInfo

from tzshift.shift import add_hours


def test_simple():
    dt = datetime(2024, 1, 1, 12, tzinfo=ZoneInfo("UTC"))
    assert add_hours(dt, 2).hour == 14
