def apply(op, a, b):
    raise NotImplementedError(op)
