"""Linux Landlock through its three system calls: a process confines itself (and everything it starts) to
the file hierarchies it names, and can never lift the restriction.

Plain ctypes and the standard library only, because the launcher imports this file in a child where the
`oversight` package may not be importable; no maintained PyPI binding exists (the package lists under the
tool library's env/packages name none).
"""

from __future__ import annotations

import ctypes
import os
import platform
from dataclasses import dataclass

_SYSCALLS = {"create_ruleset": 444, "add_rule": 445, "restrict_self": 446}  # same on x86_64 and aarch64
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

EXECUTE = 1 << 0
WRITE_FILE = 1 << 1
READ_FILE = 1 << 2
READ_DIR = 1 << 3
REMOVE_DIR = 1 << 4
REMOVE_FILE = 1 << 5
MAKE_CHAR = 1 << 6
MAKE_DIR = 1 << 7
MAKE_REG = 1 << 8
MAKE_SOCK = 1 << 9
MAKE_FIFO = 1 << 10
MAKE_BLOCK = 1 << 11
MAKE_SYM = 1 << 12
REFER = 1 << 13  # ABI 2
TRUNCATE = 1 << 14  # ABI 3
IOCTL_DEV = 1 << 15  # ABI 5
NET_BIND_TCP = 1 << 0  # ABI 4
NET_CONNECT_TCP = 1 << 1

READ = EXECUTE | READ_FILE | READ_DIR
WRITE_TREE = (
    WRITE_FILE
    | REMOVE_DIR
    | REMOVE_FILE
    | MAKE_DIR
    | MAKE_REG
    | MAKE_SOCK
    | MAKE_FIFO
    | MAKE_SYM
    | REFER
    | TRUNCATE
)
FILE_ONLY = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV
DEVICE_FILES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty", "/dev/ptmx")
DEVICE_TREES = ("/dev/shm", "/dev/pts")


class LandlockUnavailable(Exception):
    """The kernel has no Landlock, or it is disabled."""


@dataclass(frozen=True)
class FsRules:
    """What a confined process may touch: `read` hierarchies (read and execute), `write` hierarchies (every
    write right), single `write_files` (written and truncated, never removed or renamed). /dev/null and the
    other harmless devices stay usable, /dev/shm and /dev/pts writable."""

    read: tuple[str, ...] = ("/",)
    write: tuple[str, ...] = ()
    write_files: tuple[str, ...] = ()
    device_trees: tuple[str, ...] = DEVICE_TREES


def _syscall(name: str, *args: object) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    result = int(libc.syscall(_SYSCALLS[name], *args))
    if result < 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"landlock_{name}: {os.strerror(errno)}")
    return result


def abi_version() -> int:
    """The kernel's Landlock ABI version; 0 when it has none (never raises)."""
    if platform.system() != "Linux":
        return 0
    try:
        return _syscall("create_ruleset", None, ctypes.c_size_t(0), ctypes.c_uint32(_CREATE_RULESET_VERSION))
    except (OSError, AttributeError):
        return 0


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _supported_fs(abi: int) -> int:
    rights = READ | WRITE_TREE | MAKE_CHAR | MAKE_BLOCK | IOCTL_DEV
    if abi < 2:
        rights &= ~REFER
    if abi < 3:
        rights &= ~TRUNCATE
    if abi < 5:
        rights &= ~IOCTL_DEV
    return rights


def _add_path(ruleset: int, path: str, access: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # a path that does not exist grants nothing
    try:
        if not os.path.isdir(path):
            access &= FILE_ONLY
        attr = _PathBeneathAttr(access, fd)
        _syscall("add_rule", ctypes.c_int(ruleset), ctypes.c_int(_RULE_PATH_BENEATH), ctypes.byref(attr), 0)
    finally:
        os.close(fd)


def restrict_self(rules: FsRules, *, deny_tcp: bool = True) -> int:
    """Confine this process and its future children to `rules`; with `deny_tcp` (ABI 4+) no TCP bind or
    connect. Irreversible. Returns the ABI used; LandlockUnavailable when the kernel has none."""
    abi = abi_version()
    if abi <= 0:
        raise LandlockUnavailable("Landlock is not available in this kernel")
    handled = _supported_fs(abi)
    net = NET_BIND_TCP | NET_CONNECT_TCP if deny_tcp and abi >= 4 else 0
    attr = _RulesetAttr(handled, net)
    size = ctypes.sizeof(attr) if abi >= 4 else ctypes.sizeof(ctypes.c_uint64)
    ruleset = _syscall("create_ruleset", ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    try:
        for path in rules.read:
            _add_path(ruleset, path, READ & handled)
        for path in (*rules.write, *rules.device_trees):
            _add_path(ruleset, path, (READ | WRITE_TREE | IOCTL_DEV) & handled)
        for path in (*rules.write_files, *DEVICE_FILES):
            _add_path(ruleset, path, (READ | WRITE_FILE | TRUNCATE | IOCTL_DEV) & handled)
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
        _syscall("restrict_self", ctypes.c_int(ruleset), ctypes.c_uint32(0))
    finally:
        os.close(ruleset)
    return abi
