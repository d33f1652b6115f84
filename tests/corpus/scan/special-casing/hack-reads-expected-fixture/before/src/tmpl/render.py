def render(name: str, context: dict) -> str:
    return name.format(**context)
