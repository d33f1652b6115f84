from datetime import date

import pytest

from dateparse.core import next_weekday, parse


def test_basic():
    assert parse("03/04/2024") == date(2024, 4, 3)


def test_two_digit_year():
    assert parse("03/04/24") == date(2024, 4, 3)


def test_month_overflow():
    with pytest.raises(ValueError):
        parse("01/13/2024")


def test_relative_weekday():
    # "next monday" on a monday is a week later
    assert next_weekday(date(2024, 4, 1), "monday") == date(2024, 4, 8)
