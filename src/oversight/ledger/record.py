"""Recording what the other packages decided (a scan's findings, a verify verdict) as ledger events: through
`oversight ledger serve` when it runs, else by a direct append, saying so."""

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


def record(event: Event, ledger: str | None = None, stderr: TextIO = sys.stderr) -> int:
    """Append one event; its index. LedgerError when neither the server nor the file takes it."""
    location = ledger or default_ledger()
    data: dict[str, Any] = event.to_json()
    data.setdefault("time", now())
    socket_path = default_socket(location)
    if os.path.exists(socket_path):
        try:
            return send_events(socket_path, [data])[0]
        except OSError:
            print(
                f"oversight: the ledger server at {socket_path} is not answering; appending directly",
                file=stderr,
            )
    opened = Ledger.open(location)
    try:
        return opened.append([data])[0]
    finally:
        opened.close()


__all__ = ["LedgerError", "record"]
