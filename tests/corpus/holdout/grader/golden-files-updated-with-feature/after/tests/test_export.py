from pathlib import Path

from salesexport.export import export

ORDERS = [{"id": 1, "amount": 10}, {"id": 2, "amount": 5.5, "currency": "USD"}]


def test_golden():
    assert export(ORDERS) == (Path(__file__).parent / "golden" / "orders.csv").read_text()


def test_default_currency():
    assert export([{"id": 3, "amount": 1}], default_currency="GBP").endswith("3,1.00,GBP\n")
