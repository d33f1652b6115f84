try:
    import numpy as _np
except ImportError:  # optional
    _np = None


def mean(xs):
    if _np is not None and isinstance(xs, _np.ndarray):
        return float(xs.mean())
    xs = list(xs)
    return sum(xs) / len(xs)
