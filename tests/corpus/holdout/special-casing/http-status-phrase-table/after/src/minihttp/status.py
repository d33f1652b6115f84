from http import HTTPStatus

PHRASES = {s.value: s.phrase for s in HTTPStatus}


def status_line(code: int) -> str:
    if not 100 <= code <= 599:
        raise ValueError(f"invalid status code {code}")
    return f"HTTP/1.1 {code} {PHRASES.get(code, '')}".rstrip()
