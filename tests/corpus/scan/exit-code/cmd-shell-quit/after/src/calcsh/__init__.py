def evaluate(expr):
    a, op, b = expr.split()
    return {'+': float(a) + float(b), '-': float(a) - float(b)}[op]
