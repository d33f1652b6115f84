"""A seccomp filter that refuses the terminal ioctls which push input into a terminal (TIOCSTI) or drive the
Linux console (TIOCLINUX): a sandboxed command could otherwise type commands into the user's shell, which
runs them unconfined once the sandbox ends.

Standard library and ctypes only, with no relative imports: nsexec.py imports this file by path.
Filters native and 32-bit compat ioctl calls on x86_64 and aarch64; every other syscall is allowed.
"""

from __future__ import annotations

import ctypes
import os
import struct

TIOCSTI = 0x5412
TIOCLINUX = 0x541C
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_EPERM = 1
# BPF opcodes: load a 32-bit word at an absolute offset of struct seccomp_data, jump if equal, return.
_LD_ABS = 0x20
_JEQ = 0x15
_RET = 0x06
_OFFSET_NR, _OFFSET_ARCH, _OFFSET_ARG1 = 0, 4, 24  # args[1]'s low half on a little-endian machine
# machine -> ((audit arch, ioctl syscall numbers) for the native and the compat ABI)
_ARCHES = {
    "x86_64": ((0xC000003E, (16, 0x40000000 | 514)), (0x40000003, (54,))),  # x86_64, x32; i386
    "aarch64": ((0xC00000B7, (29,)), (0x40000028, (54,))),  # aarch64; arm
}


class SeccompUnavailable(Exception):
    """No filter for this machine, or the kernel refused it."""


def _program(arches: tuple[tuple[int, tuple[int, ...]], ...]) -> list[tuple[int, int, int, int]]:
    """The filter as (code, jump if true, jump if false, k) instructions; jumps are written as labels
    ("abi0", "ioctl", "deny") and resolved to the relative offsets BPF uses."""
    labelled: list[tuple[str | None, int, str | None, int]] = [(None, _LD_ABS, None, _OFFSET_ARCH)]
    labelled += [(None, _JEQ, f"abi{index}", arch) for index, (arch, _) in enumerate(arches)]
    labelled.append((None, _RET, None, _RET_ALLOW))  # another ABI: nothing to filter
    for index, (_, numbers) in enumerate(arches):
        labelled.append((f"abi{index}", _LD_ABS, None, _OFFSET_NR))
        labelled += [(None, _JEQ, "ioctl", number) for number in numbers]
        labelled.append((None, _RET, None, _RET_ALLOW))
    labelled += [
        ("ioctl", _LD_ABS, None, _OFFSET_ARG1),
        (None, _JEQ, "deny", TIOCSTI),
        (None, _JEQ, "deny", TIOCLINUX),
        (None, _RET, None, _RET_ALLOW),
        ("deny", _RET, None, _RET_ERRNO | _EPERM),
    ]
    where = {label: position for position, (label, _, _, _) in enumerate(labelled) if label}
    return [
        (code, where[target] - position - 1 if target else 0, 0, k)
        for position, (_, code, target, k) in enumerate(labelled)
    ]


def deny_terminal_injection() -> None:
    """Install the filter on this process and its future children, irreversibly (sets no_new_privs)."""
    machine = os.uname().machine
    if machine not in _ARCHES:
        raise SeccompUnavailable(f"no seccomp filter for {machine}")
    program = _program(_ARCHES[machine])
    raw = b"".join(struct.pack("=HBBI", *instruction) for instruction in program)
    buffer = ctypes.create_string_buffer(raw, len(raw))

    class _Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = _Prog(len(program), ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    zero = ctypes.c_ulong(0)
    if libc.prctl(ctypes.c_int(_PR_SET_NO_NEW_PRIVS), ctypes.c_ulong(1), zero, zero, zero) != 0:
        raise SeccompUnavailable(f"no_new_privs refused: {os.strerror(ctypes.get_errno())}")
    mode = ctypes.c_ulong(_SECCOMP_MODE_FILTER)
    if libc.prctl(ctypes.c_int(_PR_SET_SECCOMP), mode, ctypes.byref(prog), zero, zero) != 0:
        raise SeccompUnavailable(f"seccomp refused: {os.strerror(ctypes.get_errno())}")
