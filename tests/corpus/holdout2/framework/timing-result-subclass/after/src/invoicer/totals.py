def total(lines, tax_rate):
    net = sum(q * p for q, p in lines)
    return round(net * (1 + tax_rate), 2)
