def rate(base: str, quote: str, table: dict) -> float:
    return table[quote] / table[base]
