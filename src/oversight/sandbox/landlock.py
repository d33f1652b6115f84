"""Linux Landlock through its three system calls: a process confines itself (and everything it starts
afterwards) to the file hierarchies it names, and can never lift the restriction.

Standard library and ctypes only, with no relative imports, because the launcher imports this file by path
in a child started with `python -I -S`, where neither `oversight` nor site-packages is importable. So no
PyPI binding could be used there even if one fitted, and none does: the package lists searched (grep
'landlock' in the tool library's env/packages) show `landlock` 1.0.0.dev5 (pre-release only),
`landlockpy` 0.2.0 and `py-landlock` 0.1.1 (early 0.x releases), and sandbox frameworks that embed
Landlock (`sandlock`, `sandboxkit`, `hydra-sandbox`, ...) rather than expose it. The ABI this needs is
three syscalls and two structs, about a hundred lines.

Scoping (ABI 6: signals, abstract unix sockets) is deliberately left off. Abstract unix sockets belong to
the network namespace, which the launcher already makes private; signal scoping would stop a confined
test from signalling processes started outside it (lock-file liveness checks, test harnesses that signal
a parent), for little gain: a confined process that kills its overseer only loses its own verdict.
"""

from __future__ import annotations

import ctypes
import os
import stat
from dataclasses import dataclass

# landlock_create_ruleset / add_rule / restrict_self: one number on every architecture that uses the
# unified syscall table (x86_64, i386, aarch64, arm, riscv, powerpc, s390); alpha, ia64 and mips differ.
_SYS_CREATE_RULESET, _SYS_ADD_RULE, _SYS_RESTRICT_SELF = 444, 445, 446
_UNIFIED_TABLE = (
    "x86_64",
    "amd64",
    "i386",
    "i686",
    "aarch64",
    "arm64",
    "armv7l",
    "armv6l",
    "riscv64",
    "ppc64le",
    "ppc64",
    "s390x",
)
_CREATE_RULESET_VERSION = 1 << 0
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

# Filesystem rights (LANDLOCK_ACCESS_FS_*), with the ABI that introduced each one past the first.
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
REFER = 1 << 13  # ABI 2: rename and link across directories
TRUNCATE = 1 << 14  # ABI 3
IOCTL_DEV = 1 << 15  # ABI 5: ioctl on character and block devices
# Network rights (LANDLOCK_ACCESS_NET_*), ABI 4.
NET_BIND_TCP = 1 << 0
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
FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV  # the only rights a non-directory takes
WRITE_ONE_FILE = READ_FILE | WRITE_FILE | TRUNCATE | IOCTL_DEV
ALL_FS = READ | WRITE_TREE | MAKE_CHAR | MAKE_BLOCK | IOCTL_DEV  # handled: whatever no rule grants is denied

# Devices that programs expect to open: writable as single files (never mknod, never a whole /dev).
DEVICE_FILES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty", "/dev/ptmx")
# Folders of devices and shared memory written as hierarchies: POSIX semaphores and multiprocessing use
# /dev/shm, pseudo-terminals live in /dev/pts.
DEVICE_TREES = ("/dev/shm", "/dev/pts")


class LandlockUnavailable(Exception):
    """The kernel has no Landlock, or it is disabled (the `lsm=` boot parameter)."""


@dataclass(frozen=True)
class FsRules:
    """What a confined process may touch; everything else it may not write (and may not read outside `read`).

    `read`: hierarchies readable and executable. `write`: hierarchies with every write right (create,
    remove, rename, truncate, make sockets, fifos and symlinks). `write_files`: single regular files that
    may be rewritten and truncated but not removed, renamed or given siblings. `device_files` and
    `device_trees`: the harmless devices (DEVICE_FILES, DEVICE_TREES) stay usable. Paths that do not exist
    grant nothing; a `write` or `write_files` entry that is itself a symlink grants nothing (it could point
    anywhere), while symlinks elsewhere are followed.
    """

    read: tuple[str, ...] = ("/",)
    write: tuple[str, ...] = ()
    write_files: tuple[str, ...] = ()
    device_files: tuple[str, ...] = DEVICE_FILES
    device_trees: tuple[str, ...] = DEVICE_TREES


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1  # the kernel's struct landlock_path_beneath_attr is __attribute__((packed))
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


_libc: ctypes.CDLL | None = None


def _lib() -> ctypes.CDLL:
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _syscall(number: int, *args: object) -> int:
    result = int(_lib().syscall(ctypes.c_long(number), *args))
    if result < 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"landlock syscall {number}: {os.strerror(errno)}")
    return result


def abi_version() -> int:
    """The kernel's Landlock ABI version; 0 when it has none, it is disabled, or this is not Linux."""
    system = os.uname()
    if system.sysname != "Linux" or system.machine.lower() not in _UNIFIED_TABLE:
        return 0
    try:
        return _syscall(
            _SYS_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(_CREATE_RULESET_VERSION)
        )
    except (OSError, AttributeError):
        return 0


def _handled_fs(abi: int) -> int:
    """Every filesystem right this ABI knows, so that none is left unhandled (and so allowed)."""
    rights = ALL_FS
    if abi < 2:
        rights &= ~REFER
    if abi < 3:
        rights &= ~TRUNCATE
    if abi < 5:
        rights &= ~IOCTL_DEV
    return rights


def _add_path(ruleset: int, path: str, access: int, *, follow: bool) -> None:
    flags = os.O_PATH | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
    try:
        fd = os.open(path.rstrip("/") or "/", flags)  # a trailing slash would follow a final symlink
    except OSError:
        return  # a path that does not exist grants nothing
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISLNK(mode):
            return
        if not stat.S_ISDIR(mode):
            access &= FILE_RIGHTS  # the kernel refuses directory rights on a file (EINVAL)
        if not access:
            return
        attr = _PathBeneathAttr(access, fd)
        _syscall(
            _SYS_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(_RULE_PATH_BENEATH), ctypes.byref(attr), 0
        )
    finally:
        os.close(fd)


def restrict_self(rules: FsRules, *, deny_tcp: bool = True) -> int:
    """Confine this process and its future children to `rules`, irreversibly; returns the ABI used.

    Sets no_new_privs first (Landlock needs it; setuid programs then stop elevating). With `deny_tcp` and
    ABI 4+, no TCP bind or connect at all, loopback included. Raises LandlockUnavailable when the kernel has
    no Landlock, OSError when a syscall fails."""
    abi = abi_version()
    if abi <= 0:
        raise LandlockUnavailable("Landlock is not available in this kernel")
    lib = _lib()
    zero = ctypes.c_ulong(0)
    if lib.prctl(ctypes.c_int(_PR_SET_NO_NEW_PRIVS), ctypes.c_ulong(1), zero, zero, zero) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"prctl(PR_SET_NO_NEW_PRIVS): {os.strerror(errno)}")
    handled = _handled_fs(abi)
    net = NET_BIND_TCP | NET_CONNECT_TCP if deny_tcp and abi >= 4 else 0
    attr = _RulesetAttr(handled, net)
    size = ctypes.sizeof(attr) if abi >= 4 else ctypes.sizeof(ctypes.c_uint64)
    ruleset = _syscall(_SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    try:
        for path in rules.read:
            _add_path(ruleset, path, READ & handled, follow=True)
        for path in rules.write:
            _add_path(ruleset, path, (READ | WRITE_TREE | IOCTL_DEV) & handled, follow=False)
        for path in rules.write_files:
            _add_path(ruleset, path, WRITE_ONE_FILE & handled, follow=False)
        for path in rules.device_trees:
            _add_path(ruleset, path, (READ | WRITE_TREE | IOCTL_DEV) & handled, follow=True)
        for path in rules.device_files:
            _add_path(ruleset, path, WRITE_ONE_FILE & handled, follow=True)
        _syscall(_SYS_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0))
    finally:
        os.close(ruleset)
    return abi
