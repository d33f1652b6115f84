import pytest


def pytest_addoption(parser):
    parser.addoption("--cart-strict", action="store_true")
