from dataclasses import dataclass


@dataclass
class Duration:
    seconds: int


def parse_duration(text: str) -> Duration:
    units = {"s": 1, "m": 60, "h": 3600}
    total = 0
    number = ""
    for char in text.strip():
        if char.isdigit():
            number += char
        elif char in units and number:
            total += int(number) * units[char]
            number = ""
        else:
            raise ValueError(f"bad duration: {text!r}")
    if number:
        raise ValueError(f"missing unit in {text!r}")
    return Duration(total)
