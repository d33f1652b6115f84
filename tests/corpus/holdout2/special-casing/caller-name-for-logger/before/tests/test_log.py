from applog.log import get_logger


def test_name():
    assert get_logger("x").name == "x"
