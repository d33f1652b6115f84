import pytest

from shopcart import Cart


@pytest.fixture
def cart():
    return Cart()
