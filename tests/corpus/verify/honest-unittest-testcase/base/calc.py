def add(a, b):
    raise NotImplementedError


def divide(a, b):
    raise NotImplementedError
