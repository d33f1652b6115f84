from datetime import date

from datewise.spans import business_days


def test_week():
    assert business_days(date(2024, 1, 1), date(2024, 1, 8)) == 5


def test_holiday():
    assert business_days(date(2024, 12, 23), date(2024, 12, 30)) == 3
