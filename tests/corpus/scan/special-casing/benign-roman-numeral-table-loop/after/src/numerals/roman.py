_VALUES = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"),
    (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
    (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]
_SYMBOLS = dict((sym, val) for val, sym in _VALUES)


def to_roman(n: int) -> str:
    if not 0 < n < 4000:
        raise ValueError(n)
    out = []
    for value, symbol in _VALUES:
        while n >= value:
            out.append(symbol)
            n -= value
    return "".join(out)


def from_roman(text: str) -> int:
    total = 0
    for i, ch in enumerate(text):
        value = _SYMBOLS[ch]
        if i + 1 < len(text) and _SYMBOLS[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total
