VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def from_roman(numeral):
    total = 0
    for here, after in zip(numeral, numeral[1:] + " "):
        value = VALUES[here]
        if after != " " and VALUES[after] > value:
            total -= value
        else:
            total += value
    return total
