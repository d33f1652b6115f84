from cfgparse.parse import parse_value


def test_bool():
    assert parse_value(" True ") is True


def test_float():
    assert parse_value("2.5") == 2.5


def test_list():
    assert parse_value("[1, 2]") == [1, 2]
