def next_token(stream):
    return stream.pop(0)
