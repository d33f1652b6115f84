import pytest

from timing.parser import Duration, parse_duration


class TestParseDuration:
    def test_minutes(self):
        assert parse_duration("5m") == Duration(300)

    def test_compound(self):
        assert parse_duration("1h30m") == Duration(5400)
        assert parse_duration("1h1m1s") == Duration(3661)

    def test_missing_unit(self):
        with pytest.raises(ValueError):
            parse_duration("15")
