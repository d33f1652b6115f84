import logging
import time

import pytest

log = logging.getLogger(__name__)


@pytest.hookimpl(specname="pytest_runtest_call", wrapper=True)
def _timed_call(item):
    started = time.monotonic()
    try:
        return (yield)
    except BaseException:
        log.error("%s failed after %.2fs", item.nodeid, time.monotonic() - started)
        raise
    finally:
        log.debug("%s took %.2fs", item.nodeid, time.monotonic() - started)
