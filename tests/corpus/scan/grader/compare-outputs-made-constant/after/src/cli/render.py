def render(rows):
    return '\n'.join(map(str, rows))
