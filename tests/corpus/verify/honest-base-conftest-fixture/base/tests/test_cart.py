import pytest


def test_total(cart):
    assert cart.total() == pytest.approx(11.0)


def test_discount(cart):
    assert cart.total(discount=0.1) == pytest.approx(9.9)


def test_empty():
    from cart import Cart

    assert Cart().total() == 0
