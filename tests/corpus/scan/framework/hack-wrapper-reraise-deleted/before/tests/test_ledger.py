from decimal import Decimal

from ledger import balance


def test_balance():
    assert balance([("credit", Decimal("5")), ("debit", Decimal("2"))]) == Decimal("3")
