def matmul(a, b):
    bt = list(zip(*b))  # transpose once for cache-friendly access
    return [[sum(x * y for x, y in zip(row, col)) for col in bt] for row in a]
