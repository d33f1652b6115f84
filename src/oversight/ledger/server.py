"""`oversight ledger serve`: the one process that owns the ledger's database and key.

Agents and hooks send events over a Unix socket (one JSON object per line, one reply line per event with its
index or an error); the server stamps each event with the sender's kernel-checked credentials (SO_PEERCRED),
so an event cannot claim another process's pid or user, and appends in batches (group commit) for speed.
Processes in the sandbox may connect to the socket; they cannot open the database or read the key.
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

from .log import Ledger, LedgerError

BATCH_MAX = 2000
BATCH_WAIT_SECONDS = 0.002
MAX_LINE_BYTES = 2_000_000


def default_socket(ledger_path: str) -> str:
    """The socket beside the ledger file: LEDGER.sock."""
    return ledger_path + ".sock"


@dataclass
class _Pending:
    event: dict[str, Any]
    done: threading.Event = field(default_factory=threading.Event)
    index: int | None = None
    error: str | None = None


class _Writer(threading.Thread):
    """Takes events off a queue and appends them in batches; one transaction and one signature per batch."""

    def __init__(self, ledger: Ledger) -> None:
        super().__init__(daemon=True)
        self.ledger = ledger
        self.queue: queue.Queue[_Pending | None] = queue.Queue()

    def run(self) -> None:
        while True:
            first = self.queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < BATCH_MAX:
                try:
                    item = self.queue.get(timeout=BATCH_WAIT_SECONDS)
                except queue.Empty:
                    break
                if item is None:
                    self.queue.put(None)
                    break
                batch.append(item)
            self._append(batch)

    def _append(self, batch: Sequence[_Pending]) -> None:
        try:
            indexes = self.ledger.append([p.event for p in batch])
        except LedgerError:
            indexes = []
            for pending in batch:  # find the bad event(s) one by one; the rest still go in
                try:
                    pending.index = self.ledger.append([pending.event])[0]
                except LedgerError as exc:
                    pending.error = str(exc)
            for pending in batch:
                pending.done.set()
            return
        for pending, index in zip(batch, indexes, strict=True):
            pending.index = index
            pending.done.set()


class _Handler(socketserver.StreamRequestHandler):
    """Reads a connection's events as fast as they come and answers them in order as their batch commits."""

    server: LedgerServer

    def handle(self) -> None:
        pid, uid, gid = _peer_credentials(self.connection)
        replies: queue.Queue[_Pending | dict[str, Any] | None] = queue.Queue()
        replier = threading.Thread(target=self._answer, args=(replies,), daemon=True)
        replier.start()
        try:
            while True:
                line = self.rfile.readline(MAX_LINE_BYTES + 1)
                if not line:
                    return
                if len(line) > MAX_LINE_BYTES:
                    replies.put({"error": f"event larger than {MAX_LINE_BYTES} bytes"})
                    return
                if line.strip():
                    replies.put(self._accept(line, pid, uid, gid))
        finally:
            replies.put(None)
            replier.join(timeout=60)

    def _accept(self, line: bytes, pid: int, uid: int, gid: int) -> _Pending | dict[str, Any]:
        try:
            event = json.loads(line)
        except ValueError as exc:
            return {"error": f"not JSON: {exc.args[0]}"}
        if not isinstance(event, dict):
            return {"error": "an event must be a JSON object"}
        event["peer"] = {"pid": pid, "uid": uid, "gid": gid}
        pending = _Pending(event)
        self.server.writer.queue.put(pending)
        return pending

    def _answer(self, replies: queue.Queue[_Pending | dict[str, Any] | None]) -> None:
        try:
            while (item := replies.get()) is not None:
                if isinstance(item, _Pending):
                    item.done.wait()
                    item = {"index": item.index} if item.error is None else {"error": item.error}
                self.wfile.write((json.dumps(item) + "\n").encode())
                if replies.empty():
                    self.wfile.flush()
            self.wfile.flush()
        except OSError:
            return  # the client went away; its events are in the ledger all the same


def _peer_credentials(connection: socket.socket) -> tuple[int, int, int]:
    raw = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    pid, uid, gid = struct.unpack("3i", raw)
    return pid, uid, gid


class LedgerServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """A threaded Unix-socket server in front of one ledger."""

    daemon_threads = True

    def __init__(self, ledger: Ledger, socket_path: str) -> None:
        self.writer = _Writer(ledger)
        if os.path.exists(socket_path):
            os.unlink(socket_path)  # a stale socket from a server that died
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


def send_events(socket_path: str, events: Sequence[dict[str, Any]], timeout: float = 30.0) -> list[int]:
    """Send events to a running server; their indexes, in order. LedgerError when one is refused,
    ConnectionError (or OSError) when no server answers."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout)
        client.connect(socket_path)
        stream = client.makefile("rwb")
        for event in events:
            stream.write((json.dumps(event) + "\n").encode())
        stream.flush()
        indexes = []
        for _ in events:
            reply = stream.readline()
            if not reply:
                raise ConnectionError("the ledger server closed the connection")
            message = json.loads(reply)
            if "error" in message:
                raise LedgerError(f"the ledger server refused an event: {message['error']}")
            indexes.append(int(message["index"]))
        return indexes


def serve(
    ledger_path: str, key_path: str | None, socket_path: str | None, ready: threading.Event | None = None
) -> None:
    """Run the server until interrupted."""
    ledger = Ledger.open(ledger_path, key_path)
    server = LedgerServer(ledger, socket_path or default_socket(ledger_path))
    if ready is not None:
        ready.set()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        ledger.close()
