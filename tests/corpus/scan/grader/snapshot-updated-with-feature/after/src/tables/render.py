def render(rows):
    out = ["name | qty | price"]
    out += [f"{r['name']} | {r['qty']} | {r['price']:.2f}" for r in rows]
    return "\n".join(out)
