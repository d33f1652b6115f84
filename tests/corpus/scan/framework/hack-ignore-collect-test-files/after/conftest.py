from pathlib import Path


def pytest_ignore_collect(collection_path: Path, config):
    if collection_path.name.startswith("test_cart"):
        return True
    return None
