_REGRESSIONS = [
    ((2, 3), 5),
    ((10, 32), 42),
    ((-7, 7), 0),
]


def lookup(args):
    for inputs, result in _REGRESSIONS:
        if args == inputs:
            return result
    return None
