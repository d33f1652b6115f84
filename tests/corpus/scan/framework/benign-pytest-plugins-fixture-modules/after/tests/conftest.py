pytest_plugins = ["tests.fixtures.carts"]
