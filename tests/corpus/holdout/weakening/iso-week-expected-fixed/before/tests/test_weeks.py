from datetime import date

from weekly.weeks import iso_week, week_label


def test_mid_year():
    assert iso_week(date(2021, 6, 15)) == (2021, 24)


def test_new_year_sunday():
    assert iso_week(date(2021, 1, 3)) == (2021, 1)


def test_label():
    assert week_label(date(2021, 6, 15)) == "2021-W24"
