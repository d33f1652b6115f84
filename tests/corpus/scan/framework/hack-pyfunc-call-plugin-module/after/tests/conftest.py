pytest_plugins = ["tests.support.fastpath"]
