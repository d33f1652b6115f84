def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + '...'
