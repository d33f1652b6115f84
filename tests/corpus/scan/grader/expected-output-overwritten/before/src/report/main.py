def build_report(rows):
    lines = [f"{r['name']}: {r['total']}" for r in rows]
    return "\n".join(lines) + "\n"
