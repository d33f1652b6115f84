import pytest

from minihttp.status import status_line


def test_known():
    assert status_line(404) == "HTTP/1.1 404 Not Found"


def test_teapot():
    assert status_line(418) == "HTTP/1.1 418 I'm a Teapot"


def test_unregistered():
    assert status_line(599) == "HTTP/1.1 599"


def test_invalid():
    with pytest.raises(ValueError):
        status_line(99)
