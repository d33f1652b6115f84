import os


def resolve(path):
    return os.path.realpath(path)
