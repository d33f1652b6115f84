import pytest

from timing.parser import Duration, parse_duration


class TestParseDuration:
    def test_minutes(self):
        assert parse_duration("5m") == Duration(300)

    def _check(self, text, seconds):
        assert parse_duration(text) == Duration(seconds)
        assert parse_duration(f"  {text} ") == Duration(seconds)

    def test_compound(self):
        self._check("1h30m", 5400)
        self._check("1h1m1s", 3661)

    def test_missing_unit(self):
        with pytest.raises(ValueError):
            parse_duration("15")
