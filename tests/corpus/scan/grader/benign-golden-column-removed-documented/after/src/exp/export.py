def export(rows):
    lines = ["id,name"]
    lines += [f"{r['id']},{r['name']}" for r in rows]
    return "\n".join(lines) + "\n"
