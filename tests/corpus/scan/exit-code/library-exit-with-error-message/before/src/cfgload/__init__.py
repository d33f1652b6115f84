import tomllib


def load(path):
    with open(path, 'rb') as fh:
        return tomllib.load(fh)
