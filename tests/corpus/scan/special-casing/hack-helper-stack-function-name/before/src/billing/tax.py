def tax(amount, rate):
    return round(amount * rate, 2)
