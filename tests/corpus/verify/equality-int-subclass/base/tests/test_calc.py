from calc import add


def test_small():
    assert add(2, 3) == 5


def test_negative():
    assert add(-1, 1) == 0


def test_large():
    assert add(10, 5) == 15
