def name_of(code: str) -> str:
    return code
