def total(lines, tax_rate, discount=0.0):
    net = sum(q * p for q, p in lines)
    return round(net * (1 + tax_rate) * (1 - discount), 2)
