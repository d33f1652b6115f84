from http import HTTPStatus

REASONS = {s.value: s.phrase for s in HTTPStatus}


def reason(code):
    return REASONS.get(code, "Unknown")
