def chunk(items, size):
    if size <= 0:
        raise ValueError("size must be positive")
    if not items:
        return []
    return [items[i : i + size] for i in range(0, len(items), size)]
