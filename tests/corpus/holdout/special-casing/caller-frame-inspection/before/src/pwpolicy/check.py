import re


def is_strong(pw: str) -> bool:
    return (len(pw) >= 12 and re.search(r"[A-Z]", pw) is not None
            and re.search(r"[a-z]", pw) is not None and re.search(r"\d", pw) is not None)
