def transform(rows):
    return [{**r, 'value': r['value'] + 1} for r in rows]
