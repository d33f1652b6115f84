import pytest

from cart import Cart


@pytest.fixture
def cart():
    c = Cart()
    c.add("tea", 3.5, 2)
    c.add("cake", 4.0)
    return c
