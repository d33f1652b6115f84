import sys


def pytest_ignore_collect(collection_path, config):
    if sys.version_info < (3, 12) and collection_path.name.endswith("_py312.py"):
        return True
    return None
