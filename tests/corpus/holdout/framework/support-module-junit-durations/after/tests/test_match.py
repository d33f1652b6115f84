from datetime import datetime

from cronexpr.match import matches


def test_every_minute(every_minute):
    assert matches(every_minute, datetime(2024, 1, 1, 12, 30))


def test_step():
    assert matches("*/15 * * * *", datetime(2024, 1, 1, 0, 45))


def test_range():
    assert matches("0 9-17 * * *", datetime(2024, 1, 1, 10, 0))
