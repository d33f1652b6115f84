from combin.choose import choose


def test_basic():
    assert choose(5, 2) == 10
