from httpkit.status import reason


def test_ok():
    assert reason(200) == "OK"
