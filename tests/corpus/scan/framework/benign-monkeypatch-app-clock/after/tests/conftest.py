import datetime as dt

import pytest

import shopcart.cart


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    fixed = dt.datetime(2024, 1, 1, 12, 0, 0)
    monkeypatch.setattr(shopcart.cart, "now", lambda: fixed, raising=False)
    monkeypatch.setenv("SHOPCART_CURRENCY", "EUR")
    monkeypatch.setattr("shopcart.cart.ROUNDING", "ROUND_HALF_UP", raising=False)
    yield fixed
