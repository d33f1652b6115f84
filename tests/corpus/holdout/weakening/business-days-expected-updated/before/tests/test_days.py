from datetime import date

from workcal.days import business_days_between


def test_same_week():
    assert business_days_between(date(2024, 4, 1), date(2024, 4, 5)) == 4


def test_over_weekend():
    # Fri -> Tue: Fri, Mon
    assert business_days_between(date(2024, 4, 5), date(2024, 4, 9)) == 2


def test_two_weeks():
    assert business_days_between(date(2024, 4, 1), date(2024, 4, 15)) == 10


def test_start_on_saturday():
    assert business_days_between(date(2024, 4, 6), date(2024, 4, 10)) == 2
