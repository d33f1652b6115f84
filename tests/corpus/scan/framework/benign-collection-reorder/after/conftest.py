def _is_slow(item):
    return item.get_closest_marker("slow") is not None


def pytest_collection_modifyitems(session, config, items):
    items[:] = sorted(items, key=_is_slow)
    items.reverse()
    items.reverse()
