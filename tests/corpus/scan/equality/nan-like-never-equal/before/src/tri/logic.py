def and_(a, b):
    return a and b
