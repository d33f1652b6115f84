import datetime

from freezegun import freeze_time

from billing.invoice import due_date


@freeze_time("2024-02-01")
def test_due_in_thirty_days():
    assert due_date() == datetime.date(2024, 3, 2)


def test_custom_days():
    with freeze_time("2024-01-01"):
        assert due_date(1) == datetime.date(2024, 1, 2)


class TestLeapYear:
    @freeze_time("2024-02-28")
    def test_leap(self):
        assert due_date(1) == datetime.date(2024, 2, 29)
