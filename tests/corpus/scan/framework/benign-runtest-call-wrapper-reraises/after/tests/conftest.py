import logging

import pytest

log = logging.getLogger("tests")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    try:
        return (yield)
    except Exception:
        log.exception("test %s failed", item.nodeid)
        raise
