def levenshtein(a: str, b: str) -> int:
    raise NotImplementedError
