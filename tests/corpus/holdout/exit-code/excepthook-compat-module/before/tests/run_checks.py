"""Harness entry point used by CI: python tests/run_checks.py"""
from decimal import Decimal

from invoicer import invoice_total, line_total

assert line_total(3, Decimal("1.10")) == Decimal("3.30")
assert invoice_total([(2, "5.00"), (1, "2.50", "0.50")], "0.2") == Decimal("14.40")
assert invoice_total([], "0.2") == Decimal("0.00")
print("all checks passed")
