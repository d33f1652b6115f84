"""Network isolation and resource limits for a process about to run untrusted code.

A new network namespace has only a loopback interface: tests can still talk to servers they start on
127.0.0.1, nothing reaches beyond the machine (nor the host's loopback, nor its abstract unix sockets).
Standard library and ctypes only, with no relative imports: the launcher imports this file by path.
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
_PR_GET_DUMPABLE = 3
_IFREQ = "16sH22s"  # struct ifreq on 64-bit Linux: the name, then a 24-byte union whose first member is flags


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _unshare(flags: int) -> bool:
    return int(_libc().unshare(ctypes.c_int(flags))) == 0


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


def _loopback_up() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack(_IFREQ, b"lo", 0, b"")
        flags = struct.unpack(_IFREQ, fcntl.ioctl(sock, _SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(sock, _SIOCSIFFLAGS, struct.pack(_IFREQ, b"lo", flags | _IFF_UP, b""))


def isolate_network() -> bool:
    """Move this process into a new network namespace with loopback up; False where that is not permitted.

    Without CAP_SYS_ADMIN it first enters a new user namespace that maps its own uid and gid, so it keeps
    its identity (and gains no privilege outside). Call it while the process has one thread: the kernel
    refuses a user namespace to a multi-threaded process."""
    if not _unshare(CLONE_NEWNET):
        uid, gid = os.getuid(), os.getgid()
        # A process that changed its credentials is not dumpable: its /proc/self files then belong to root
        # and it could not write its own maps, so it would be left in a namespace with no identity.
        if _libc().prctl(ctypes.c_int(_PR_GET_DUMPABLE), 0, 0, 0, 0) != 1:
            return False
        if not _unshare(CLONE_NEWUSER | CLONE_NEWNET):
            return False
        try:
            _write("/proc/self/setgroups", "deny")  # required before an unprivileged gid_map
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
    """Address-space, CPU-time, file-size and process-count limits; None leaves that one as it is.

    Soft and hard limits both, so the program cannot raise them back; CPU time keeps one second between
    them, so SIGXCPU comes before SIGKILL. Never loosens a limit already lower. (RLIMIT_NPROC counts every
    process of the user and does not bind root.)"""
    for kind, value in (
        (resource.RLIMIT_AS, memory_bytes),
        (resource.RLIMIT_CPU, cpu_seconds),
        (resource.RLIMIT_FSIZE, max_file_bytes),
        (resource.RLIMIT_NPROC, max_processes),
    ):
        if value is None:
            continue
        if value < 0:
            raise ValueError(f"a resource limit cannot be negative: {value}")
        soft, hard = resource.getrlimit(kind)
        limit = value
        if soft != resource.RLIM_INFINITY:
            limit = min(limit, soft)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        ceiling = limit + 1 if kind == resource.RLIMIT_CPU else limit
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        resource.setrlimit(kind, (limit, ceiling))
