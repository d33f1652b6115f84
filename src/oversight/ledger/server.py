"""`oversight ledger serve`: the one process that owns the ledger's database and key.

Agents and hooks send events over a Unix socket (one JSON object per line, one reply line per event with its
index or an error); the server stamps each event with the sender's kernel-checked credentials (SO_PEERCRED),
so an event cannot claim another process's pid or user, and appends in batches (group commit) for speed.
An event is acknowledged only after the transaction holding it has committed. Processes in the sandbox may
connect to the socket; they cannot open the database or read the key.

For speed, work is done per chunk read from a connection, not per event: each chunk's complete lines become one
group that the writer commits together with whatever other connections sent meanwhile, and the group's
replies go back in one write.
"""

from __future__ import annotations

import json
import os
import queue
import socket
import socketserver
import struct
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .client import send_events
from .locations import default_socket
from .log import Ledger, LedgerError

BATCH_MAX = 5000  # events per transaction (and per signed checkpoint) at most
MAX_LINE_BYTES = 2_000_000
READ_BYTES = 1 << 20


@dataclass
class _Group:
    """The events of one chunk from one connection (an error text where a line was refused before the writer
    saw it), and, once committed, their indexes or errors."""

    items: list[dict[str, Any] | str]
    replies: list[str] = field(default_factory=list)
    done: threading.Event = field(default_factory=threading.Event)

    @property
    def events(self) -> list[dict[str, Any]]:
        return [item for item in self.items if isinstance(item, dict)]

    def answer(self, indexes: Sequence[int | str]) -> None:
        """Fill the replies from the events' indexes (or error texts), keeping the refused lines' errors."""
        results = iter(indexes)
        for item in self.items:
            outcome = next(results) if isinstance(item, dict) else item
            self.replies.append(
                f'{{"index":{outcome}}}\n'
                if isinstance(outcome, int)
                else json.dumps({"error": outcome}) + "\n"
            )
        self.done.set()


class _Writer(threading.Thread):
    """Takes groups off a queue and appends everything waiting in one transaction with one signature: while one
    batch commits, the next one gathers (group commit, no timer)."""

    def __init__(self, ledger: Ledger) -> None:
        super().__init__(daemon=True)
        self.ledger = ledger
        self.queue: queue.SimpleQueue[_Group | None] = queue.SimpleQueue()

    def run(self) -> None:
        stopping = False
        while not stopping:
            first = self.queue.get()
            if first is None:
                return
            batch, count = [first], len(first.items)
            while count < BATCH_MAX:
                try:
                    item = self.queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stopping = True
                    break
                batch.append(item)
                count += len(item.items)
            self._append(batch)

    def _append(self, batch: Sequence[_Group]) -> None:
        events = [event for group in batch for event in group.events]
        try:
            outcomes = self._outcomes(events)
        except Exception as exc:  # a writer that died would leave every client waiting: refuse these instead
            outcomes = [f"the ledger server failed: {exc}"] * len(events)
        start = 0
        for group in batch:
            size = len(group.events)
            group.answer(outcomes[start : start + size])
            start += size

    def _outcomes(self, events: list[dict[str, Any]]) -> list[int | str]:
        """Each event's index, or why it was refused."""
        try:
            return list(self.ledger.append(events))
        except LedgerError:
            outcomes: list[int | str] = []
            for event in events:  # find the bad event(s) one by one; the rest still go in
                try:
                    outcomes.append(self.ledger.append([event])[0])
                except LedgerError as exc:
                    outcomes.append(str(exc))
            return outcomes


class _Handler(socketserver.BaseRequestHandler):
    """Reads a connection in chunks as fast as they come and answers each chunk's events, in order, once their
    batch has committed."""

    server: LedgerServer

    def handle(self) -> None:
        connection: socket.socket = self.request
        peer = dict(zip(("pid", "uid", "gid"), _peer_credentials(connection), strict=True))
        replies: queue.SimpleQueue[_Group | None] = queue.SimpleQueue()
        replier = threading.Thread(target=self._answer, args=(connection, replies), daemon=True)
        replier.start()
        pending = b""
        try:
            while chunk := connection.recv(READ_BYTES):
                pending += chunk
                cut = pending.rfind(b"\n") + 1
                if len(pending) - cut > MAX_LINE_BYTES:
                    replies.put(_refused(f"event larger than {MAX_LINE_BYTES} bytes"))
                    return
                if cut:
                    self._submit(pending[:cut].split(b"\n")[:-1], peer, replies)
                    pending = pending[cut:]
            if pending.strip():
                self._submit([pending], peer, replies)  # a last line without its newline
        except OSError:
            return
        finally:
            replies.put(None)
            replier.join(timeout=60)

    def _submit(
        self, lines: list[bytes], peer: dict[str, int], replies: queue.SimpleQueue[_Group | None]
    ) -> None:
        items: list[dict[str, Any] | str] = []
        for line in lines:
            if not line.strip():
                continue
            if len(line) > MAX_LINE_BYTES:
                items.append(f"event larger than {MAX_LINE_BYTES} bytes")
                continue
            try:
                event = json.loads(line)
            except ValueError as exc:
                items.append(f"not JSON: {exc.args[0]}")
                continue
            if not isinstance(event, dict):
                items.append("an event must be a JSON object")
                continue
            event["peer"] = dict(peer)  # the kernel's answer replaces whatever the sender claimed
            items.append(event)
        if not items:
            return
        group = _Group(items)
        if group.events:
            self.server.writer.queue.put(group)
        else:
            group.answer([])
        replies.put(group)

    @staticmethod
    def _answer(connection: socket.socket, replies: queue.SimpleQueue[_Group | None]) -> None:
        try:
            while (group := replies.get()) is not None:
                group.done.wait()
                connection.sendall("".join(group.replies).encode())
        except OSError:
            return  # the client went away; its events are in the ledger all the same


def _refused(message: str) -> _Group:
    group = _Group([message])
    group.answer([])
    return group


def _peer_credentials(connection: socket.socket) -> tuple[int, int, int]:
    raw = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    pid, uid, gid = struct.unpack("3i", raw)
    return pid, uid, gid


class LedgerServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """A threaded Unix-socket server in front of one ledger."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, ledger: Ledger, socket_path: str) -> None:
        self.writer = _Writer(ledger)
        if os.path.exists(socket_path):
            os.unlink(socket_path)  # a stale socket from a server that died
        os.makedirs(os.path.dirname(os.path.abspath(socket_path)), exist_ok=True)
        super().__init__(socket_path, _Handler)
        os.chmod(socket_path, 0o666)  # any local process may send events; only this one writes the file
        self.writer.start()

    def server_close(self) -> None:
        self.writer.queue.put(None)
        self.writer.join(timeout=10)
        super().server_close()
        path = self.server_address
        if isinstance(path, str) and os.path.exists(path):
            os.unlink(path)


def serve(
    ledger_location: str, key_path: str | None, socket_path: str | None, ready: threading.Event | None = None
) -> None:
    """Run the server until interrupted."""
    ledger = Ledger.open(ledger_location, key_path)
    server = LedgerServer(ledger, socket_path or default_socket(ledger_location))
    if ready is not None:
        ready.set()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        ledger.close()


__all__ = ["LedgerServer", "default_socket", "send_events", "serve"]
