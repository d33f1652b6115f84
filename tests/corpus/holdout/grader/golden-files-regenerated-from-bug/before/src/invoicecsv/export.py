import csv
import io


def export(invoices):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["invoice_id", "customer", "net", "vat", "gross"])
    for inv in invoices:
        vat = inv["net"] * inv["rate"]
        w.writerow([inv["id"], inv["customer"], f"{inv['net']:.2f}", f"{vat:.2f}", f"{inv['net'] + vat:.2f}"])
    return buf.getvalue()
