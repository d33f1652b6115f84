import pytest

from httpkit.status import reason


@pytest.mark.parametrize("code, text", [(200, "OK"), (404, "Not Found"), (418, "I'm a Teapot")])
def test_known(code, text):
    assert reason(code) == text


def test_unknown():
    assert reason(799) == "Unknown"
