from datetime import date

from weekly.weeks import iso_week, week_label


def test_mid_year():
    assert iso_week(date(2021, 6, 15)) == (2021, 24)


def test_new_year_sunday():
    # ISO 8601: week 1 is the week containing the year's first Thursday
    # (2021-01-07), so Sunday 2021-01-03 still belongs to 2020-W53.
    assert iso_week(date(2021, 1, 3)) == (2020, 53)


def test_first_iso_week_2021():
    assert iso_week(date(2021, 1, 4)) == (2021, 1)


def test_label():
    assert week_label(date(2021, 1, 3)) == "2020-W53"
