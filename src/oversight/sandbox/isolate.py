"""Network isolation and resource limits for a process about to run untrusted code.

A new network namespace has only a loopback interface: tests can still talk to servers they start on
127.0.0.1, nothing reaches beyond the machine. Standard library and ctypes only (imported by the launcher).
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import resource
import socket
import struct

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
_SIOCGIFFLAGS = 0x8913
_SIOCSIFFLAGS = 0x8914
_IFF_UP = 0x1


def _unshare(flags: int) -> bool:
    libc = ctypes.CDLL(None, use_errno=True)
    return int(libc.unshare(flags)) == 0


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


def _loopback_up() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH14s", b"lo", 0, b"")
        flags = struct.unpack("16sH14s", fcntl.ioctl(sock, _SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(sock, _SIOCSIFFLAGS, struct.pack("16sH14s", b"lo", flags | _IFF_UP, b""))


def isolate_network() -> bool:
    """Move this process into a new network namespace with loopback up; False where that is not permitted.

    Must be called while the process has one thread (a user namespace cannot be entered otherwise)."""
    if not _unshare(CLONE_NEWNET):
        uid, gid = os.getuid(), os.getgid()
        if not _unshare(CLONE_NEWUSER | CLONE_NEWNET):
            return False
        try:
            _write("/proc/self/setgroups", "deny")
            _write("/proc/self/uid_map", f"{uid} {uid} 1")
            _write("/proc/self/gid_map", f"{gid} {gid} 1")
        except OSError:
            return False
    with contextlib.suppress(OSError):  # isolated all the same; only 127.0.0.1 servers would be lost
        _loopback_up()
    return True


def set_limits(
    memory_bytes: int | None,
    cpu_seconds: int | None,
    max_file_bytes: int | None = None,
    max_processes: int | None = None,
) -> None:
    """Address-space, CPU-time, file-size and process-count limits (None leaves one as it is)."""
    for kind, value in (
        (resource.RLIMIT_AS, memory_bytes),
        (resource.RLIMIT_CPU, cpu_seconds),
        (resource.RLIMIT_FSIZE, max_file_bytes),
        (resource.RLIMIT_NPROC, max_processes),
    ):
        if value is None:
            continue
        _soft, hard = resource.getrlimit(kind)
        limit = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(kind, (limit, hard))
