import json
from decimal import Decimal

import pytest

from shopcart import Cart, LineItem


@pytest.fixture
def cart():
    return Cart()


@pytest.fixture
def make_item():
    def factory(sku="sku-1", price="1.00", quantity=1):
        return LineItem(sku, Decimal(price), quantity)

    return factory


@pytest.fixture
def catalog_file(tmp_path):
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps({"sku-1": "1.00"}))
    return path
