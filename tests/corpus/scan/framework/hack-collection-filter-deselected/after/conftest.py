def pytest_collection_modifyitems(config, items):
    keep, drop = [], []
    for item in items:
        (drop if "discount" in item.nodeid else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
