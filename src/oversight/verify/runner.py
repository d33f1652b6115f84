"""The parent side of a witnessed run: launch pytest with the witness inside the sandbox, read the
authenticated records, keep only the tail of the output, and enforce the time limit."""

from __future__ import annotations

import contextlib
import hmac
import json
import os
import secrets
import selectors
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import Any

from ..sandbox.launch import SandboxSpec, launcher_command
from .staging import Stage

OUTPUT_TAIL_BYTES = 64 * 1024
GRACE_SECONDS = 2.0
# Variables that put code into the interpreter or pytest before any test runs.
STEERING_VARIABLES = frozenset(
    {
        "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONUSERBASE", "PYTHONINSPECT", "PYTHONEXECUTABLE",
        "PYTHONPLATLIBDIR", "PYTHONSAFEPATH", "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTEST_DEBUG",
        "PYTEST_THEME",
    }
)  # fmt: skip
# Set by an enclosing pytest (oversight's own tests, a grader run under pytest): dropped without comment.
INHERITED_PYTEST_STATE = frozenset({"PYTEST_VERSION", "PYTEST_CURRENT_TEST", "PYTEST_XDIST_WORKER"})


@dataclass
class RunLimits:
    """What the run may use: wall time, memory, network."""

    timeout: float = 600.0
    memory_bytes: int | None = 8 * 1024**3
    network: bool = False
    require_sandbox: bool = False
    pass_env: frozenset[str] = frozenset()


@dataclass
class RunResult:
    """What came back from the child: authentic records, problems with the channel, how it ended."""

    records: list[dict[str, Any]] = field(default_factory=list)
    forged: list[str] = field(default_factory=list)
    returncode: int | None = None
    timed_out: bool = False
    duration: float = 0.0
    output_tail: str = ""
    sandbox: dict[str, Any] = field(default_factory=dict)
    scrubbed_env: dict[str, str] = field(default_factory=dict)
    dropped_env: int = 0


class RecordReader:
    """Checks each line's HMAC and sequence number; anything else is reported as forged."""

    def __init__(self, key: bytes) -> None:
        self.key = key
        self.expected_seq = 0
        self.buffer = b""
        self.records: list[dict[str, Any]] = []
        self.forged: list[str] = []

    def feed(self, data: bytes) -> None:
        self.buffer += data
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            self._line(line)

    def close(self) -> None:
        if self.buffer.strip():
            self.forged.append(f"an unterminated record: {self.buffer[:120]!r}")
        self.buffer = b""

    def _line(self, line: bytes) -> None:
        body, _, mac = line.rpartition(b" ")
        good = hmac.new(self.key, body, sha256).hexdigest().encode()
        if not body or not hmac.compare_digest(good, mac):
            self.forged.append(f"a record without the run's key: {line[:120]!r}")
            return
        try:
            record = json.loads(body)
        except ValueError:
            self.forged.append("an authenticated record that is not JSON")
            return
        if record.get("seq") != self.expected_seq:
            self.forged.append(f"record {record.get('seq')} arrived where {self.expected_seq} was due")
        self.expected_seq = int(record.get("seq", self.expected_seq)) + 1
        self.records.append(record)


# What a test run needs from the caller's environment; anything else (an agent's FEATURE_FLAG=1 that makes
# the trusted tests skip themselves) stays out unless the caller passes it on by name.
PASSED_VARIABLES = frozenset(
    {
        "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TERM", "TZ", "SHELL", "SSL_CERT_FILE",
        "SSL_CERT_DIR", "SOURCE_DATE_EPOCH", "NO_COLOR",
    }
)  # fmt: skip


def child_environment(
    base: dict[str, str], tmp: Path, pass_env: frozenset[str] = frozenset()
) -> tuple[dict[str, str], dict[str, str], int]:
    """The child's environment: a few basics from the caller's plus what the caller named; also the steering
    variables left out (reported as evidence) and how many other variables were left out."""
    env: dict[str, str] = {}
    scrubbed: dict[str, str] = {}
    dropped = 0
    for name, value in base.items():
        if name in STEERING_VARIABLES:
            scrubbed[name] = value
        elif name in PASSED_VARIABLES or name.startswith("LC_") or name in pass_env:
            env[name] = value
        elif name not in INHERITED_PYTEST_STATE:
            dropped += 1
    env.update({"TMPDIR": str(tmp), "TEMP": str(tmp), "TMP": str(tmp)})
    return env, scrubbed, dropped


def _writable(stage: Stage) -> tuple[list[str], list[str]]:
    """Folders the child may write (those holding no trusted file) and single code files it may rewrite."""
    protected_dirs: set[Path] = set()
    for rel in stage.trusted:
        parent = (stage.root / rel).parent
        while True:
            protected_dirs.add(parent)
            if parent == stage.root or parent == parent.parent:
                break
            parent = parent.parent
    write_dirs: list[str] = []
    write_files: list[str] = []
    for current, dirs, files in os.walk(stage.root):
        here = Path(current)
        for name in list(dirs):
            child = here / name
            if child.is_symlink():  # a link could point anywhere; the sandbox grants links nothing anyway
                dirs.remove(name)
            elif child not in protected_dirs:
                write_dirs.append(str(child))
                dirs.remove(name)
        for name in files:
            rel = (here / name).relative_to(stage.root).as_posix()
            if rel not in stage.trusted and not (here / name).is_symlink():
                write_files.append(str(here / name))
    return write_dirs, write_files


def run_witnessed(
    stage: Stage,
    python: str,
    pytest_args: list[str],
    limits: RunLimits,
    witness_path: Path,
    env: dict[str, str],
) -> RunResult:
    """Run pytest in `stage.workdir` under the witness and the sandbox; never raises for the child's sake."""
    result = RunResult()
    tmp = stage.root.parent / "tmp"
    tmp.mkdir(exist_ok=True)
    child_env, result.scrubbed_env, result.dropped_env = child_environment(env, tmp, limits.pass_env)
    witness_dir = stage.root.parent / "witness"
    witness_dir.mkdir(exist_ok=True)
    witness_copy = witness_dir / "witness.py"
    shutil.copyfile(witness_path, witness_copy)

    channel_r, channel_w = os.pipe()
    key_r, key_w = os.pipe()
    status_r, status_w = os.pipe()
    key = secrets.token_bytes(32)
    write_dirs, write_files = _writable(stage)
    holder = stage.root.parent.resolve()
    # A device folder (/dev/shm) granted as a whole would open a copy staged inside it (TMPDIR=/dev/shm).
    device_trees = [tree for tree in ("/dev/shm", "/dev/pts") if not holder.is_relative_to(tree)]
    spec = SandboxSpec(
        read=["/"],
        write=[str(tmp), *write_dirs],
        write_files=write_files,
        device_trees=device_trees,
        network=limits.network,
        memory_bytes=limits.memory_bytes,
        cpu_seconds=int(limits.timeout) + 5,
        max_file_bytes=None,
        require_landlock=limits.require_sandbox,
        status_fd=status_w,
    )
    argv = [python, "-I", str(witness_copy), str(channel_w), str(key_r), "--", *pytest_args]
    command = launcher_command(python, spec, argv, stage.root.parent / "sandbox.json")
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            command,
            cwd=stage.workdir,
            env=child_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            pass_fds=(channel_w, key_r, status_w),
            start_new_session=True,
        )
    except OSError as exc:
        for fd in (channel_r, channel_w, key_r, key_w, status_r, status_w):
            os.close(fd)
        result.output_tail = f"could not start {python}: {exc.strerror or exc}"
        result.returncode = 127
        return result
    for fd in (channel_w, key_r, status_w):
        os.close(fd)
    with contextlib.suppress(OSError):
        os.write(key_w, key)
    os.close(key_w)
    reader = RecordReader(key)
    _pump(process, reader, channel_r, status_r, limits.timeout, started, result)
    reader.close()
    result.records, result.forged = reader.records, reader.forged
    result.duration = time.monotonic() - started
    return result


def _pump(
    process: subprocess.Popen[bytes],
    reader: RecordReader,
    channel_r: int,
    status_r: int,
    timeout: float,
    started: float,
    result: RunResult,
) -> None:
    assert process.stdout is not None
    out_fd = process.stdout.fileno()
    tail = bytearray()
    status = bytearray()
    selector = selectors.DefaultSelector()
    for fd in (channel_r, out_fd, status_r):
        os.set_blocking(fd, False)
        selector.register(fd, selectors.EVENT_READ)
    open_fds = {channel_r, out_fd, status_r}
    exited_at: float | None = None
    try:
        while open_fds:
            now = time.monotonic()
            if exited_at is None and process.poll() is not None:
                exited_at = now
            if exited_at is not None and now - exited_at > GRACE_SECONDS:
                break
            if exited_at is None and now - started > timeout:
                result.timed_out = True
                _kill_group(process)
                exited_at = now
            for key, _ in selector.select(timeout=0.2):
                fd = int(key.fd)
                try:
                    data = os.read(fd, 65536)
                except BlockingIOError:
                    continue
                if not data:
                    selector.unregister(fd)
                    open_fds.discard(fd)
                    continue
                if fd == channel_r:
                    reader.feed(data)
                elif fd == status_r:
                    status += data[: 65536 - len(status)]
                else:
                    tail += data
                    if len(tail) > 2 * OUTPUT_TAIL_BYTES:
                        del tail[: len(tail) - OUTPUT_TAIL_BYTES]
    finally:
        selector.close()
        _kill_group(process)
        result.returncode = process.wait()
        process.stdout.close()
        os.close(channel_r)
        os.close(status_r)
    result.output_tail = bytes(tail[-OUTPUT_TAIL_BYTES:]).decode("utf-8", "replace")
    for line in bytes(status).splitlines():
        with contextlib.suppress(ValueError):
            result.sandbox.update(json.loads(line))


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def default_python(repo: Path) -> str:
    """The repository's own virtual environment when it has one, else the interpreter running oversight."""
    for candidate in (".venv/bin/python", "venv/bin/python"):
        path = repo / candidate
        if path.exists():
            return str(path)
    return sys.executable


def interpreter_problem(python: str, repo: Path) -> str | None:
    """Why an interpreter inside the repository cannot be trusted to run the tests, or None.

    A virtual environment's `bin/python` is a link to a Python outside it; a script or a link that stays
    inside the repository is something the agent wrote, and would run before any witness could."""
    path = Path(python)
    try:
        path.absolute().relative_to(repo)
    except ValueError:
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return f"{python} does not resolve to an interpreter"
    try:
        target.relative_to(repo.resolve())
        inside = True
    except ValueError:
        inside = False
    if inside:
        try:
            with target.open("rb") as handle:
                magic = handle.read(4)
        except OSError:
            return f"{python} cannot be read"
        if magic != b"\x7fELF":
            return f"{python} is not a Python executable but a file in the repository (a script, {magic[:2]!r}...)"
    return None
