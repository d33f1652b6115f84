from pathlib import Path

from invoicecsv.export import export

GOLDEN = Path(__file__).parent / "golden"
INVOICES = [
    {"id": "A-1", "customer": "ACME", "net": 100.0, "rate": 0.2},
    {"id": "A-2", "customer": "Globex", "net": 19.99, "rate": 0.2},
]


def test_golden():
    assert export(INVOICES) == (GOLDEN / "basic.csv").read_text()
