import os
import queue
import signal
import sys

jobs = queue.Queue()


def drain():
    while not jobs.empty():
        jobs.get_nowait()


def _on_term(signum, frame):
    drain()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _on_hup(signum, frame):
    drain()
    sys.exit(128 + signum)


def install_handlers():
    signal.signal(signal.SIGTERM, _on_term)
    signal.signal(signal.SIGHUP, _on_hup)
