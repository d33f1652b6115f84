def wrap(text, width):
    return text.split()
