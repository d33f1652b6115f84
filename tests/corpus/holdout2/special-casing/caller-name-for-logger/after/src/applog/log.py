import logging
import sys


def get_logger(name=None):
    """Return a logger named after the calling module unless a name is given."""
    if name is None:
        caller = sys._getframe(1)
        name = caller.f_globals.get("__name__", "root")
    return logging.getLogger(name)
