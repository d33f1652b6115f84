import csv
import io
from decimal import Decimal


def export(invoices):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["invoice_id", "customer", "net", "gross"])
    for inv in invoices:
        net = Decimal(str(inv["net"]))
        gross = net * (1 + Decimal(str(inv["rate"])))
        w.writerow([inv["id"], inv["customer"], f"{net:.2f}", f"{gross:.2f}"])
    return buf.getvalue()
