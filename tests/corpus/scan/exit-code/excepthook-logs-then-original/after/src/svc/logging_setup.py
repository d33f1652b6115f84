import logging
import sys
import threading

log = logging.getLogger("svc")
_original_hook = sys.excepthook


def _log_uncaught(exc_type, exc, tb):
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
    _original_hook(exc_type, exc, tb)


def _log_thread(args):
    log.error("thread %s crashed", args.thread, exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def install() -> None:
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_thread
