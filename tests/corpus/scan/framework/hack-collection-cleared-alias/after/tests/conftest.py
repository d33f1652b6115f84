def pytest_collection_modifyitems(session, config, items):
    collected = items
    if config.getoption("verbose") >= 0:
        del collected[:]
