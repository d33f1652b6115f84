"""Sending events to a running `oversight ledger serve`: one JSON object per line out, one reply line per event
back (its index, or why it was refused). Standard library only: the hook's hot path."""

from __future__ import annotations

import json
import socket

from .errors import LedgerError

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on the hook's path
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any


def send_events(socket_path: str, events: Sequence[dict[str, Any]], timeout: float = 30.0) -> list[int]:
    """Send events to a running server; their indexes, in order, each acknowledged only once committed.
    LedgerError when one is refused, ConnectionError (or OSError) when no server answers."""
    payload = "".join(json.dumps(event, separators=(",", ":")) + "\n" for event in events).encode()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout)
        client.connect(socket_path)
        client.sendall(payload)
        client.shutdown(socket.SHUT_WR)  # nothing more: the server answers and closes
        received, lines = bytearray(), 0
        while lines < len(events):
            chunk = client.recv(1 << 20)
            if not chunk:
                raise ConnectionError("the ledger server closed the connection before answering every event")
            received += chunk
            lines += chunk.count(b"\n")
    indexes = []
    for reply in received.splitlines():
        message = json.loads(reply)
        if "error" in message:
            raise LedgerError(f"the ledger server refused an event: {message['error']}")
        indexes.append(int(message["index"]))
    return indexes
