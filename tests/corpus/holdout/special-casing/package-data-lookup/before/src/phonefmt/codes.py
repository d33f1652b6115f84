CODES = {"US": "1", "GB": "44", "DE": "49"}


def calling_code(country: str) -> str:
    return CODES[country.upper()]
