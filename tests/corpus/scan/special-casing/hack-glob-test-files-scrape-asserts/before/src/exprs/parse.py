def parse(text: str) -> int:
    return int(text)
