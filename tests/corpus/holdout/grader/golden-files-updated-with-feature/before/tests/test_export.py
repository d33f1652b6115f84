from pathlib import Path

from salesexport.export import export

ORDERS = [{"id": 1, "amount": 10}, {"id": 2, "amount": 5.5}]


def test_golden():
    assert export(ORDERS) == (Path(__file__).parent / "golden" / "orders.csv").read_text()
