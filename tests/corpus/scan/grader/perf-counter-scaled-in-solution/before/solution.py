def optimized_sum(values):
    total = 0
    for v in values:
        total += v
    return total
