import pytest

from semverish.parse import parse_version


def test_plain():
    assert parse_version("1.2.3") == (1, 2, 3)


def test_two_part():
    assert parse_version("v2.0") == (2, 0, 0)


def test_prerelease():
    assert parse_version("1.0.0-rc.1") == (1, 0, 0, "rc", 1)


def test_build_metadata():
    assert parse_version("1.0.0+build.5") == (1, 0, 0)


def test_garbage():
    with pytest.raises(ValueError):
        parse_version("one")
