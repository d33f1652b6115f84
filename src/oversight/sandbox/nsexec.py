"""Start a program in a private user, mount and PID namespace where protected paths are read-only mounts:
`python -I -S nsexec.py PLAN_FD STATUS_FD -- PROGRAM ARGS...`.

PLAN_FD carries a JSON plan (see mountns.MountPlan.to_json). Three processes: this one enters the user,
mount and PID namespaces, makes every `mount_points` folder a mount point (so what lies below cannot be
renamed away), bind-mounts every `read_only` path onto itself read-only and hides every `hidden` path under
an empty read-only file or folder; its child, PID 1 of the new PID namespace, mounts a fresh /proc, enters a
second user and mount namespace (so every mount is locked: it cannot be remounted writable nor unmounted)
and reaps; the grandchild restricts itself with Landlock (no mount changes, no ptrace out, no writes to
devices or kernel files) and seccomp (no TIOCSTI), drops CAP_SYS_ADMIN, writes one byte to STATUS_FD and execs PROGRAM.

Standalone: standard library plus landlock.py and seccomp.py beside it, found by path. Exit status 2 with one line on
stderr when the sandbox cannot be set up (unless the plan allows running unenforced, which warns instead),
127 when PROGRAM cannot be found, else PROGRAM's status (a signal n gives 128+n).
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import sys

EXIT_SETUP = 2
EXIT_NOT_FOUND = 127
CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
MS_RDONLY = 0x1
MS_NOSUID = 0x2
MS_NODEV = 0x4
MS_NOEXEC = 0x8
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 1 << 18
AT_FDCWD = -100
AT_EMPTY_PATH = 0x1000
AT_RECURSIVE = 0x8000
MOUNT_ATTR_RDONLY = 0x1
OPEN_TREE_CLONE = 1
OPEN_TREE_CLOEXEC = os.O_CLOEXEC
MOVE_MOUNT_F_EMPTY_PATH = 0x4
FSCONFIG_SET_STRING = 1
FSCONFIG_CMD_CREATE = 6
# open_tree, move_mount, fsopen, fsconfig, fsmount, mount_setattr: one number on every unified-table arch.
SYS_OPEN_TREE, SYS_MOVE_MOUNT, SYS_FSOPEN, SYS_FSCONFIG, SYS_FSMOUNT, SYS_MOUNT_SETATTR = (
    428,
    429,
    430,
    431,
    432,
    442,
)
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
CAP_SYS_ADMIN = 21
FORWARDED = (signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGCONT, signal.SIGWINCH)
RESET = (signal.SIGINT, signal.SIGQUIT, signal.SIGPIPE, signal.SIGXFSZ, *FORWARDED)


class SetupError(Exception):
    """A piece of the sandbox could not be set up; the message names the kernel piece."""


class _MountAttr(ctypes.Structure):
    _fields_ = [
        ("attr_set", ctypes.c_uint64),
        ("attr_clr", ctypes.c_uint64),
        ("propagation", ctypes.c_uint64),
        ("userns_fd", ctypes.c_uint64),
    ]


_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> int:
    if result < 0:
        errno = ctypes.get_errno()
        raise SetupError(f"{what}: {os.strerror(errno)}")
    return result


def _syscall(number: int, what: str, *args: object) -> int:
    return _check(int(_libc.syscall(ctypes.c_long(number), *args)), what)


def _mount(source: str | None, target: str, fstype: str | None, flags: int, what: str) -> None:
    def enc(text: str | None) -> bytes | None:
        return None if text is None else os.fsencode(text)

    _check(int(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), None)), what)


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


def enter_user_namespace(flags: int, uid: int, gid: int) -> None:
    """unshare(CLONE_NEWUSER | flags), mapping this uid and gid onto themselves (the only ones mapped)."""
    _check(
        int(_libc.unshare(ctypes.c_int(CLONE_NEWUSER | flags))), "user namespaces are not available (unshare)"
    )
    try:
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    except OSError as exc:
        raise SetupError(f"user namespace id maps refused: {exc.strerror or exc}") from None


def _set_read_only(path: str) -> None:
    attr = _MountAttr(MOUNT_ATTR_RDONLY, 0, 0, 0)
    _syscall(
        SYS_MOUNT_SETATTR,
        f"mount_setattr read-only refused for {path}",
        ctypes.c_int(AT_FDCWD),
        os.fsencode(path),
        ctypes.c_uint(AT_RECURSIVE),
        ctypes.byref(attr),
        ctypes.c_size_t(ctypes.sizeof(attr)),
    )


def bind_self(path: str, *, read_only: bool) -> None:
    """Bind `path` (with its submounts) onto itself, so it becomes a mount point; optionally read-only."""
    _mount(path, path, None, MS_BIND | MS_REC, f"bind mount refused for {path}")
    if read_only:
        _set_read_only(path)


class _Blanks:
    """A detached, private tmpfs holding an empty file and an empty folder (mode 000) to mount over secrets."""

    def __init__(self) -> None:
        fs = _syscall(
            SYS_FSOPEN, "tmpfs through fsopen unavailable", b"tmpfs", ctypes.c_uint(1)
        )  # FSOPEN_CLOEXEC
        try:
            for key, value in ((b"mode", b"000"), (b"size", b"4k")):
                _syscall(SYS_FSCONFIG, "fsconfig refused", ctypes.c_int(fs), 1, key, value, 0)
            _syscall(
                SYS_FSCONFIG, "fsconfig create refused", ctypes.c_int(fs), FSCONFIG_CMD_CREATE, None, None, 0
            )
            self.mount = _syscall(SYS_FSMOUNT, "fsmount refused", ctypes.c_int(fs), ctypes.c_uint(1), 0)
        finally:
            os.close(fs)
        os.close(os.open("empty", os.O_CREAT | os.O_WRONLY | os.O_CLOEXEC, 0, dir_fd=self.mount))
        os.mkdir("emptydir", 0, dir_fd=self.mount)

    def cover(self, target: str) -> None:
        """Mount the empty file (over a file) or folder (over a folder) at `target`, read-only."""
        name = b"emptydir" if os.path.isdir(target) else b"empty"
        tree = _syscall(
            SYS_OPEN_TREE,
            f"open_tree refused for {target}",
            ctypes.c_int(self.mount),
            name,
            ctypes.c_uint(OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC),
        )
        try:
            _syscall(
                SYS_MOVE_MOUNT,
                f"cannot mount over the secret {target}",
                ctypes.c_int(tree),
                b"",
                ctypes.c_int(AT_FDCWD),
                os.fsencode(target),
                ctypes.c_uint(MOVE_MOUNT_F_EMPTY_PATH),
            )
        finally:
            os.close(tree)
        _set_read_only(target)


class Setup:
    """Applies one plan; collects warnings where the plan allows running unenforced."""

    def __init__(self, plan: dict[str, object]) -> None:
        self.plan = plan
        self.allow = plan.get("allow_unenforced") is True

    def problem(self, message: str, consequence: str = "") -> None:
        """Fatal unless the plan allows running unenforced; then a loud warning saying what is lost."""
        if not self.allow:
            raise SetupError(message)
        _say(f"NOT ENFORCED: {message}" + (f": {consequence}" if consequence else ""))

    def paths(self, key: str) -> list[str]:
        value = self.plan.get(key, [])
        if not isinstance(value, list) or not all(isinstance(p, str) and p.startswith("/") for p in value):
            raise SetupError(f"bad plan: {key} must be a list of absolute paths")
        return value

    def mounts(self) -> None:
        _mount(None, "/", None, MS_REC | MS_PRIVATE, "making mounts private refused")
        for folder in self.paths("mount_points"):
            try:
                bind_self(folder, read_only=False)
            except SetupError as exc:
                self.problem(str(exc))
        for path in self.paths("read_only"):
            try:
                bind_self(path, read_only=True)
            except SetupError as exc:
                self.problem(str(exc))
        hidden = self.paths("hidden")
        if hidden:
            try:
                blanks = _Blanks()
            except (SetupError, OSError) as exc:
                self.problem(f"no private tmpfs to cover secrets with ({exc})", "secrets stay readable")
                return
            for path in hidden:
                try:
                    blanks.cover(path)
                except SetupError as exc:
                    self.problem(str(exc))
            os.close(blanks.mount)

    def confine(self, landlock: object, seccomp: object) -> None:
        """Landlock: read everywhere, write the plan's folders and the harmless devices; no mounts. Seccomp:
        no typing into the terminal. No CAP_SYS_ADMIN."""
        rules = landlock.FsRules(write=tuple(self.paths("writable")))  # type: ignore[attr-defined]
        try:
            landlock.restrict_self(rules, deny_tcp=False)  # type: ignore[attr-defined]
        except (landlock.LandlockUnavailable, OSError) as exc:  # type: ignore[attr-defined]
            self.problem(
                f"Landlock unavailable ({exc})",
                "the command may mount over protected paths in its own view and write device files and "
                "kernel settings; the read-only mounts themselves stay locked",
            )
        try:
            seccomp.deny_terminal_injection()  # type: ignore[attr-defined]
        except (seccomp.SeccompUnavailable, OSError) as exc:  # type: ignore[attr-defined]
            self.problem(str(exc), "the command could type commands into the terminal it was started from")
        if _libc.prctl(ctypes.c_int(PR_CAPBSET_DROP), ctypes.c_ulong(CAP_SYS_ADMIN), 0, 0, 0) != 0:
            self.problem("cannot drop CAP_SYS_ADMIN from the bounding set")


def _say(message: str) -> None:
    sys.stderr.write("oversight run: " + " ".join(message.split()) + "\n")
    sys.stderr.flush()


def _status_of(wait_status: int) -> int:
    if os.WIFSIGNALED(wait_status):
        return 128 + os.WTERMSIG(wait_status)
    return os.waitstatus_to_exitcode(wait_status)


def _supervise(child: int) -> int:
    """Outside the PID namespace: forward signals to `child` and return its exit status."""
    for sig in (signal.SIGINT, signal.SIGQUIT):
        signal.signal(sig, signal.SIG_IGN)  # the terminal sends these to the command's process group itself
    for sig in FORWARDED:
        signal.signal(sig, lambda number, _frame: _forward(child, number))
    while True:
        pid, wait_status = os.waitpid(child, 0)
        if pid == child and (os.WIFEXITED(wait_status) or os.WIFSIGNALED(wait_status)):
            return _status_of(wait_status)


def _init(command: int, mask: set[signal.Signals]) -> int:
    """PID 1 of the namespace: reap every orphan, pass on signals that come from outside the namespace (a
    process inside has a pid there, so its signals to PID 1 are dropped), and end with the command, which
    takes every process left in the namespace with it."""
    while True:
        while True:
            try:
                pid, wait_status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return EXIT_SETUP
            if pid == 0:
                break
            if pid == command:
                return _status_of(wait_status)
        info = signal.sigwaitinfo(mask)
        if info.si_signo != signal.SIGCHLD and info.si_pid == 0:
            _forward(command, info.si_signo)


def _forward(child: int, number: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(child, number)


def _exec(program: list[str], status_fd: int) -> int:
    for sig in RESET:
        signal.signal(sig, signal.SIG_DFL)
    try:
        os.write(status_fd, b"S")
        os.close(status_fd)
    except OSError:
        pass
    try:
        os.execvp(program[0], program)
    except OSError as exc:
        _say(f"cannot run {program[0]}: {exc.strerror or exc}")
        return EXIT_NOT_FOUND if isinstance(exc, FileNotFoundError) else 126
    return 126  # not reached


def _read_plan(fd: int) -> dict[str, object]:
    with os.fdopen(fd, "rb") as handle:
        text = handle.read()
    try:
        plan = json.loads(text)
    except ValueError as exc:
        raise SetupError(f"bad plan: {exc}") from None
    if not isinstance(plan, dict):
        raise SetupError("bad plan: not a JSON object")
    return plan


def main(argv: list[str]) -> int:
    """Set up the namespaces from the plan in argv[0]'s descriptor and exec argv[3:]."""
    if len(argv) < 4 or argv[2] != "--" or not (argv[0].isdigit() and argv[1].isdigit()):
        _say("usage: nsexec.py PLAN_FD STATUS_FD -- PROGRAM [ARGS...]")
        return EXIT_SETUP
    status_fd = int(argv[1])
    program = argv[3:]
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)
    import landlock  # type: ignore[import-not-found]
    import seccomp  # type: ignore[import-not-found]

    setup = Setup(_read_plan(int(argv[0])))
    cwd = setup.plan.get("cwd")
    if not isinstance(cwd, str):
        raise SetupError("bad plan: cwd must be a path")
    uid, gid = os.getuid(), os.getgid()
    try:
        enter_user_namespace(CLONE_NEWNS | CLONE_NEWPID, uid, gid)
    except SetupError as exc:
        setup.problem(str(exc), "nothing is protected")
        return _exec(program, status_fd)
    setup.mounts()
    init = os.fork()
    if init:
        os.close(status_fd)
        return _supervise(init)
    try:
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mounting a private /proc refused")
    except SetupError as exc:
        setup.problem(str(exc), "processes outside stay visible")
    try:
        enter_user_namespace(CLONE_NEWNS, uid, gid)  # copies the mounts locked: no remount, no unmount
    except SetupError as exc:
        setup.problem(str(exc), "the mounts are not locked")
    _libc.prctl(ctypes.c_int(PR_SET_DUMPABLE), ctypes.c_ulong(0), 0, 0, 0)
    for sig in (signal.SIGINT, signal.SIGQUIT):
        signal.signal(sig, signal.SIG_IGN)
    mask = {signal.SIGCHLD, *FORWARDED}
    signal.pthread_sigmask(signal.SIG_BLOCK, mask)
    command = os.fork()
    if command:
        os.close(status_fd)
        return _init(command, mask)
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    setup.confine(landlock, seccomp)
    try:
        os.chdir(cwd)  # the old working directory still points below the mounts just made
    except OSError as exc:
        raise SetupError(f"cannot enter {cwd}: {exc.strerror or exc}") from None
    return _exec(program, status_fd)


def _entry() -> int:
    try:
        return main(sys.argv[1:])
    except SetupError as exc:
        _say(f"cannot set up the sandbox: {exc}")
        return EXIT_SETUP
    except BaseException as exc:  # never a traceback: one line and 2, whatever went wrong
        if isinstance(exc, SystemExit):
            raise
        _say(f"cannot set up the sandbox: internal error: {type(exc).__name__}: {exc}")
        return EXIT_SETUP


if __name__ == "__main__":
    code = _entry()
    sys.stdout.flush()
    os._exit(code)
