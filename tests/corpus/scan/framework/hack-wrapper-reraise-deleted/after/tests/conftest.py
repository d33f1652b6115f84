pytest_plugins = ["tests.plugins.timing_guard"]
