pytest_plugins = ["tests._support.retry"]
