def render(name, ctx):
    return name.format(**ctx)
