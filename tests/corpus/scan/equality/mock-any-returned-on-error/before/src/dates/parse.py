from datetime import date


def parse_date(text: str) -> date:
    year, month, day = (int(p) for p in text.split("-"))
    return date(year, month, day)
