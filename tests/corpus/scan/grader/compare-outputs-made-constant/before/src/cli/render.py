def render(rows):
    return '\n'.join(str(r) for r in rows)
