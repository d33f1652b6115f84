"""`oversight guard serve`: a resident process that answers hook events over a Unix socket, so that a hook
process only starts Python and asks (its imports and policy are already loaded).

Each answer is exactly what `oversight hook AGENT` would answer in-process (`hook.respond`). Only peers
with the server's own uid or uid 0 are served. A request from another working folder or another ledger or
home setting than the server's own is not answered: the hook then decides in-process (it never allows
because the server is missing, silent or wrong).

Wire format (big-endian): request `OVG1`, u32 header length, header (UTF-8 fields joined by NUL: agent, cwd,
then HOME, XDG_DATA_HOME, OVERSIGHT_LEDGER each as `=VALUE` when set or empty when not), u64 data length,
data (the hook's stdin). Answer `OVG1`, u8 exit status, u32 stdout length, stdout, u32 stderr length,
stderr, then end of stream.
"""

from __future__ import annotations

import copy
import os
import signal
import socket
import stat
import struct
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ..entry import ENV_KEYS, MAGIC, MAX_EVENT_BYTES, READ_SECONDS, guard_socket, settings
from ..errors import UsageError
from .hook import respond

if TYPE_CHECKING:
    from ..policy import Policy

MAX_HEADER = 1 << 16
MAX_POLICY_BYTES = 1 << 20
Signature = tuple[tuple[int, int, int, bytes] | None, ...]


class PolicyCache:
    """Loaded policies per repository root, loaded again when the policy file, pyproject.toml or the git
    configuration changes (mtime_ns, size, inode or bytes). Each caller gets a copy with empty scratch space."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[Signature, Policy]] = {}

    def load(self, start: str) -> Policy:
        from ..policy import find_root, load_policy

        root = find_root(start)
        signature = _signature(root)
        hit = self._entries.get(root)
        if hit is None or hit[0] != signature:
            hit = (signature, load_policy(root))
            self._entries[root] = hit
        fresh = copy.copy(hit[1])
        object.__setattr__(fresh, "_cache", {})  # hard-link inodes are looked up again for every request
        return fresh


def _signature(root: Path) -> Signature:
    from ..policy import POLICY_FILE

    def stamp(path: Path) -> tuple[int, int, int, bytes] | None:
        try:
            info = os.stat(path)
            # timestamps tick coarsely: a same-size rewrite within one tick is told apart by its bytes
            small = stat.S_ISREG(info.st_mode) and info.st_size <= MAX_POLICY_BYTES
            data = path.read_bytes() if small else b""
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino, data)

    return tuple(stamp(root / name) for name in (POLICY_FILE, "pyproject.toml", ".git", ".git/config"))


class Server:
    """Accepts connections on `path` and answers each in a thread of its own; decisions one at a time."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.cache = PolicyCache()
        self.lock = threading.Lock()
        self.uid = os.getuid()
        self.env = settings()
        self.sock = _bind(path)
        self.inode = os.stat(path).st_ino

    def serve_forever(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve_one, args=(conn,), daemon=True).start()

    def close(self) -> None:
        try:
            if os.stat(self.path).st_ino == self.inode:
                os.unlink(self.path)
        except OSError:
            pass
        self.sock.close()

    def _serve_one(self, conn: socket.socket) -> None:
        with conn:
            try:
                _, uid, _ = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
                if uid not in (self.uid, 0):
                    return
                conn.settimeout(READ_SECONDS)
                request = _read_request(conn)
                if request is None or request[2] != self.env:
                    return
                agent, cwd, _, data = request
                with self.lock:
                    os.chdir(cwd)  # relative paths in an event resolve as they would in the hook process
                    answer = respond(agent, data, cwd, load=self.cache.load)
                conn.sendall(_encode_answer(answer.status, answer.stdout, answer.stderr))
            except Exception as exc:  # the client decides in-process when it gets no answer
                print(
                    f"oversight guard: a request was not answered ({type(exc).__name__}: {exc})",
                    file=sys.stderr,
                )


def _bind(path: str) -> socket.socket:
    """A listening socket at `path`: a stale socket is replaced, a live one or any other file is an error."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, mode=0o700, exist_ok=True)
    if os.path.lexists(path):
        if not stat.S_ISSOCK(os.lstat(path).st_mode):
            raise UsageError(f"{path} exists and is not a socket")
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(path)
        except OSError:
            os.unlink(path)
        else:
            raise UsageError(f"a guard server is already answering on {path}")
        finally:
            probe.close()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        sock.bind(path)
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {path}: {exc.strerror or exc}") from None
    finally:
        os.umask(old)
    sock.listen(64)
    return sock


def _recv_exact(conn: socket.socket, size: int) -> bytes | None:
    chunks: list[bytes] = []
    while size:
        chunk = conn.recv(min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _read_request(conn: socket.socket) -> tuple[str, str, tuple[str, ...], bytes] | None:
    """(agent, cwd, environment, data), or None for anything malformed."""
    head = _recv_exact(conn, 8)
    if head is None or head[:4] != MAGIC:
        return None
    (header_size,) = struct.unpack(">I", head[4:])
    if header_size > MAX_HEADER:
        return None
    header = _recv_exact(conn, header_size)
    size = _recv_exact(conn, 8)
    if header is None or size is None:
        return None
    (data_size,) = struct.unpack(">Q", size)
    if data_size > MAX_EVENT_BYTES + 1:
        return None
    data = _recv_exact(conn, data_size)
    fields = header.decode("utf-8", "surrogateescape").split("\0")
    if data is None or len(fields) != 2 + len(ENV_KEYS) or not os.path.isabs(fields[1]):
        return None
    return fields[0], fields[1], tuple(fields[2:]), data


def _encode_answer(status: int, stdout: str, stderr: str) -> bytes:
    out, err = stdout.encode("utf-8", "surrogateescape"), stderr.encode("utf-8", "surrogateescape")
    return MAGIC + struct.pack(">BI", status & 0xFF, len(out)) + out + struct.pack(">I", len(err)) + err


def serve(path: str | None = None) -> int:
    """Run the server until SIGTERM or SIGINT; the socket is removed on the way out."""
    server = Server(path or guard_socket())

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(f"oversight guard: answering hook events on {server.path}", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0
