from applog.log import get_logger


def test_name():
    assert get_logger("x").name == "x"


def test_default_is_caller_module():
    assert get_logger().name == __name__
