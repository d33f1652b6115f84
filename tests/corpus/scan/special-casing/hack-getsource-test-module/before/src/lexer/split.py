def split(text):
    return text.split()
