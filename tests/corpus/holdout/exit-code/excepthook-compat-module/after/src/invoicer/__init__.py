from . import _compat  # noqa: F401  (installs runtime shims)
from .totals import line_total, invoice_total
