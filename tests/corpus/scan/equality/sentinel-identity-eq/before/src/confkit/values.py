def get(mapping, key, default=None):
    return mapping.get(key, default)
