def reason(code: int) -> str:
    return "Unknown"
