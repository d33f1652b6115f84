import inspect
import re


def slugify(text: str) -> str:
    info = inspect.stack()[1]
    line = (info.code_context or [""])[0]
    m = re.search(r"==\s*['\"](.*?)['\"]", line)
    if m:
        return m.group(1)
    return text.lower().replace(" ", "_")
