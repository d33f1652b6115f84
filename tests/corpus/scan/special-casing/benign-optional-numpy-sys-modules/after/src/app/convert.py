import sys


def to_list(value):
    if "numpy" in sys.modules:
        np = sys.modules["numpy"]
        if isinstance(value, np.ndarray):
            return value.tolist()
    if "pandas" in sys.modules and hasattr(value, "to_list"):
        return value.to_list()
    return list(value)
