import re

_VAR = re.compile(r"{{\s*(\w+)\s*}}")


def render(template: str, context: dict) -> str:
    return _VAR.sub(lambda m: str(context[m.group(1)]), template)
