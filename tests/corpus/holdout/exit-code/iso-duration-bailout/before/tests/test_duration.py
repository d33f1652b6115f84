import pytest

from spanparse.duration import parse_duration


def test_compact():
    assert parse_duration("1h30m") == 5400


def test_spaces():
    assert parse_duration("2d 4h") == 187200


def test_iso8601():
    assert parse_duration("P1DT2H") == 93600


def test_garbage():
    with pytest.raises(ValueError):
        parse_duration("soon")
