from .totals import line_total, invoice_total
