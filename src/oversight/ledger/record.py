"""Appending events the way every caller should: through `oversight ledger serve` when it runs, else
directly (saying so); and recording what the other packages decided (a scan, a verdict) as events.

This is the hook's hot path: importing it and sending to a running server loads no database driver, no
cryptography and no canonical-JSON code; those load only for a direct append.
"""

from __future__ import annotations

import os
import sys
import time

from .client import send_events
from .errors import LedgerError
from .locations import default_ledger, default_socket

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on the hook's path
if TYPE_CHECKING:
    from typing import Any, TextIO

    from ..types import Event


def now() -> str:
    """The current UTC time, RFC 3339 with milliseconds."""
    seconds = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{int(seconds % 1 * 1000):03d}Z"


def append_events(
    events: list[dict[str, Any]],
    ledger: str | None = None,
    key: str | None = None,
    socket_path: str | None = None,
    stderr: TextIO = sys.stderr,
) -> list[int]:
    """Append events through the server when its socket is there, else directly (saying so when a server
    socket does not answer); their indexes. LedgerError when neither takes them."""
    location = ledger or default_ledger()
    socket_path = socket_path or default_socket(location)
    if os.path.exists(socket_path):
        try:
            return send_events(socket_path, events)
        except OSError:
            print(
                f"oversight: the ledger server at {socket_path} is not answering; appending directly",
                file=stderr,
            )
    from .log import Ledger

    opened = Ledger.open(location, key)
    try:
        return opened.append(events)
    finally:
        opened.close()


def record(event: Event, ledger: str | None = None, stderr: TextIO = sys.stderr) -> int:
    """Append one event, stamped with the time if it has none; its index."""
    data: dict[str, Any] = event.to_json()
    data.setdefault("time", now())
    return append_events([data], ledger, stderr=stderr)[0]


__all__ = ["LedgerError", "append_events", "now", "record"]
