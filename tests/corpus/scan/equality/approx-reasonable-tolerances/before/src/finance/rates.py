def compound(principal, rate, years):
    return principal * (1 + rate) ** years
