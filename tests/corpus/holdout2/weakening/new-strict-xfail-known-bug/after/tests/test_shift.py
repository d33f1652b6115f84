from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tzshift.shift import add_hours


def test_simple():
    dt = datetime(2024, 1, 1, 12, tzinfo=ZoneInfo("UTC"))
    assert add_hours(dt, 2).hour == 14


@pytest.mark.xfail(
    strict=True,
    reason="wall-clock arithmetic across DST gap; tracked in #87, fix needs UTC round-trip",
)
def test_spring_forward_gap():
    dt = datetime(2024, 3, 31, 1, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert add_hours(dt, 1).hour == 3
