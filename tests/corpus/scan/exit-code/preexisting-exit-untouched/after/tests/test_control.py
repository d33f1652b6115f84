import pytest

from daemonx.control import parse_port


def test_port():
    assert parse_port('8080') == 8080


def test_range():
    with pytest.raises(ValueError):
        parse_port('70000')
