def pytest_ignore_collect(collection_path, config):
    if collection_path.name == "test_edge.py":
        return True
    return None
