def sort_key(parts):
    return tuple(parts)
