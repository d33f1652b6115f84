import pytest


def pytest_addoption(parser):
    parser.addoption("--cart-strict", action="store_true")


def pytest_configure(config):
    config.addinivalue_line("markers", "cart: tests that exercise the cart")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        report.user_properties.append(("cart_strict", item.config.getoption("--cart-strict")))
