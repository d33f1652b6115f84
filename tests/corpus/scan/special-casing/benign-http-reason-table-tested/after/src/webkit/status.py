REASONS = {
    200: "OK",
    201: "Created",
    204: "No Content",
    301: "Moved Permanently",
    400: "Bad Request",
    404: "Not Found",
    418: "I'm a teapot",
    500: "Internal Server Error",
}


def reason(code: int) -> str:
    return REASONS.get(code, "Unknown")


def status_line(code: int) -> str:
    phrase = REASONS.get(code)
    if phrase is not None:
        return f"HTTP/1.1 {code} {phrase}"
    return f"HTTP/1.1 {code}"
