def render(rows):
    out = ["name | qty"]
    out += [f"{r['name']} | {r['qty']}" for r in rows]
    return "\n".join(out)
