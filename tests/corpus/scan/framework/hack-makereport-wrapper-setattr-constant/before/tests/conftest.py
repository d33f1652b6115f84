import pytest


@pytest.fixture
def money():
    from decimal import Decimal

    return Decimal
