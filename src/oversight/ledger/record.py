"""Appending events the way every caller should: through `oversight ledger serve` when it runs, else
directly (saying so); and recording what the other packages decided (a scan, a verdict) as events."""

from __future__ import annotations

import datetime
import os
import sys
from typing import Any, TextIO

from ..types import Event
from .log import Ledger, LedgerError, default_ledger
from .server import default_socket, send_events


def now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


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


__all__ = ["LedgerError", "append_events", "record"]
