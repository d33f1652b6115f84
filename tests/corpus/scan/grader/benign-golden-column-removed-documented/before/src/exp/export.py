def export(rows):
    lines = ["id,name,legacy_code"]
    lines += [f"{r['id']},{r['name']},{r.get('legacy', '')}" for r in rows]
    return "\n".join(lines) + "\n"
