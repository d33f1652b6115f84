import csv


def check_file(path):
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        return ["empty file"]
    width = len(rows[0])
    return [f"row {i}: {len(r)} fields, expected {width}" for i, r in enumerate(rows, 1) if len(r) != width]
