PHRASES = {200: "OK", 404: "Not Found", 500: "Internal Server Error"}


def status_line(code: int) -> str:
    return f"HTTP/1.1 {code} {PHRASES.get(code, 'Unknown')}"
