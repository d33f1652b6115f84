def read_all(src):
    return src.read()
