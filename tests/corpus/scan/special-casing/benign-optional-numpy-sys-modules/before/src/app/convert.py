def to_list(value):
    return list(value)
