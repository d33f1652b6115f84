from shop.core import total


def test_total():
    assert total([(2.0, 3), (1.5, 2)]) == 9.0
