def transform(rows):
    return [dict(r, value=r['value'] + 1) for r in rows]
