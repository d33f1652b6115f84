from datetime import date

from calendar_utils.days import add_business_days


def test_skips_weekend():
    friday = date(2024, 3, 29)
    assert add_business_days(friday, 1) == date(2024, 3, 30)
    assert add_business_days(friday, 3) == date(2024, 4, 2)
