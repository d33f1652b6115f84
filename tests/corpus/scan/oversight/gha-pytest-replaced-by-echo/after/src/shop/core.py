def total(items):
    return round(sum(price * qty for price, qty in items), 2)
