"""The `oversight` command's entry point: `oversight hook` answers without loading the command line parser,
because an agent runs it on every tool call; it asks `oversight guard serve` first, so that the process only
starts Python, and decides in-process whenever the server is absent, refuses or answers anything odd."""

import os
import sys

# The hook's limits and its wire to the guard server, defined here (which imports nothing) for the hook and
# the server to share.
MAX_EVENT_BYTES = 10_000_000
READ_SECONDS = 30
ENV_KEYS = ("HOME", "XDG_DATA_HOME", "OVERSIGHT_LEDGER")  # the server answers only with the same settings
MAGIC = b"OVG1"


def main() -> int:
    if sys.argv[1:2] == ["hook"]:
        return _hook(sys.argv[2:])
    from .cli import main as cli_main

    return cli_main()


def _hook(argv: list[str]) -> int:
    data: bytes | None = None
    failure: str | None = None
    if len(argv) == 1 and not os.isatty(0):
        try:
            data = read_stdin()
        except TimeoutError:
            failure = f"no complete event on stdin within {READ_SECONDS} s"
        else:
            answer = _ask(argv[0], data)
            if answer is not None:
                return _emit(*answer)
    from .guard.hook import main as hook_main

    return hook_main(argv, data, failure)


def read_stdin() -> bytes:
    """The bytes on stdin, at most one more than the hook accepts; TimeoutError when they do not come within
    READ_SECONDS."""
    import _signal  # type: ignore[import-not-found]  # the C core of `signal`, without its enum wrapper

    def too_slow(signum: int, frame: object) -> None:
        raise TimeoutError

    _signal.signal(_signal.SIGALRM, too_slow)
    _signal.alarm(READ_SECONDS)
    try:
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_EVENT_BYTES:
            chunk = os.read(0, min(1 << 20, MAX_EVENT_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        _signal.alarm(0)
    return b"".join(chunks)


def settings() -> tuple[str, ...]:
    """The settings that change a decision or where it is recorded, as the wire carries them ("" = unset)."""
    return tuple("=" + os.environ[key] if key in os.environ else "" for key in ENV_KEYS)


def guard_socket() -> str:
    """`$OVERSIGHT_GUARD_SOCKET`, else DATA/oversight/guard.sock (DATA: `$XDG_DATA_HOME` or ~/.local/share)."""
    given = os.environ.get("OVERSIGHT_GUARD_SOCKET")
    if given:
        return given
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(data, "oversight", "guard.sock")


def _ask(agent: str, data: bytes) -> tuple[int, bytes, bytes] | None:
    """The guard server's answer (status, stdout, stderr), or None when there is no valid one."""
    import _socket  # the C core of `socket`, without its enum-heavy wrapper

    path = guard_socket()
    if not os.path.exists(path):
        return None
    try:
        cwd = os.getcwd()
        sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    except OSError:
        return None
    try:
        sock.settimeout(5.0 + len(data) / 1_000_000)
        sock.connect(path)
        peer = sock.getsockopt(_socket.SOL_SOCKET, _socket.SO_PEERCRED, 12)
        if int.from_bytes(peer[4:8], sys.byteorder) not in (os.getuid(), 0):
            return None  # a socket that someone else put there does not decide
        header = "\0".join([agent, cwd, *settings()]).encode("utf-8", "surrogateescape")
        sock.sendall(MAGIC + len(header).to_bytes(4, "big") + header + len(data).to_bytes(8, "big") + data)
        sock.shutdown(_socket.SHUT_WR)
        chunks: list[bytes] = []
        while True:
            chunk = sock.recv(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    except (OSError, ValueError):
        return None
    finally:
        sock.close()
    return _parse_answer(b"".join(chunks))


def _parse_answer(reply: bytes) -> tuple[int, bytes, bytes] | None:
    if len(reply) < 13 or reply[:4] != MAGIC:
        return None
    status, out_size = reply[4], int.from_bytes(reply[5:9], "big")
    out_end = 9 + out_size
    if len(reply) < out_end + 4:
        return None
    err_size = int.from_bytes(reply[out_end : out_end + 4], "big")
    if len(reply) != out_end + 4 + err_size or status not in (0, 2):
        return None
    out, err = reply[9:out_end], reply[out_end + 4 :]
    try:
        out.decode("utf-8")
        err.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return status, out, err


def _emit(status: int, out: bytes, err: bytes) -> int:
    for fd, text in ((1, out), (2, err)):
        try:
            while text:
                text = text[os.write(fd, text) :]
        except OSError:
            pass
    return status
