"""Landlock, the network namespace and the limits, tried on real processes and real files: each test starts
a child through the launcher (or confines a child directly) and looks at what the kernel let it do."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from oversight.sandbox import FsRules, LandlockUnavailable, SandboxSpec, abi_version, launcher_command
from oversight.sandbox import landlock as landlock_module
from oversight.sandbox.launch import launcher_path

SANDBOX_DIR = str(launcher_path().parent)
ABI = abi_version()
needs_landlock = pytest.mark.skipif(ABI < 1, reason="this kernel has no Landlock (or it is disabled)")
needs_landlock_net = pytest.mark.skipif(ABI < 4, reason="Landlock TCP rules need ABI 4 (Linux 6.7)")

ATTEMPT = """
import errno, os, socket, sys
def attempt(label, action):
    try:
        action()
        print(label, "ok")
    except OSError as exc:
        print(label, errno.errorcode.get(exc.errno, "?"))
"""


def run_confined(tmp_path: Path, spec: SandboxSpec, code: str) -> tuple[dict[str, str], dict[str, object]]:
    """Run `code` through the launcher under `spec`; returns {label: outcome} and the launcher's status."""
    status_r, status_w = os.pipe()
    spec.status_fd = status_w
    argv = [sys.executable, "-I", "-c", ATTEMPT + textwrap.dedent(code)]
    command = launcher_command(sys.executable, spec, argv, tmp_path / "spec.json")
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=60, pass_fds=(status_w,), check=False
        )
    finally:
        os.close(status_w)
    with os.fdopen(status_r, "rb") as reader:
        status = json.loads(reader.read() or b"{}")
    assert done.returncode == 0, done.stderr
    outcomes = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    return outcomes, status


@pytest.fixture
def listener() -> Iterator[int]:
    """A TCP server on the host's 127.0.0.1 that accepts connections (the backlog does it): its port."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield int(server.getsockname()[1])


def test_abi_version_is_a_number_and_the_status_reports_it(tmp_path: Path) -> None:
    assert ABI >= 0
    _, status = run_confined(tmp_path, SandboxSpec(), "")
    assert status["landlock_abi"] == ABI
    if ABI:
        assert not any("Landlock" in str(w) for w in status["warnings"])  # type: ignore[attr-defined]


@needs_landlock
def test_writes_land_inside_write_and_nowhere_else(tmp_path: Path) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "shut").mkdir()
    (tmp_path / "shut/kept.txt").write_text("kept\n")
    spec = SandboxSpec(write=[str(tmp_path / "open")])
    code = f"""
    base = {str(tmp_path)!r}
    attempt("create-inside", lambda: open(base + "/open/a.txt", "w").write("a"))
    attempt("mkdir-inside", lambda: os.makedirs(base + "/open/sub/deeper"))
    attempt("rename-inside", lambda: os.rename(base + "/open/a.txt", base + "/open/sub/b.txt"))
    attempt("remove-inside", lambda: os.remove(base + "/open/sub/b.txt"))
    attempt("create-outside", lambda: open(base + "/shut/new.txt", "w"))
    attempt("create-in-parent", lambda: open(base + "/new.txt", "w"))
    attempt("overwrite-outside", lambda: open(base + "/shut/kept.txt", "w"))
    attempt("append-outside", lambda: open(base + "/shut/kept.txt", "a"))
    attempt("truncate-outside", lambda: os.truncate(base + "/shut/kept.txt", 0))
    attempt("remove-outside", lambda: os.remove(base + "/shut/kept.txt"))
    attempt("read-outside", lambda: open(base + "/shut/kept.txt").read())
    """
    outcomes, _ = run_confined(tmp_path, spec, code)
    assert outcomes == {
        "create-inside": "ok",
        "mkdir-inside": "ok",
        "rename-inside": "ok",
        "remove-inside": "ok",
        "create-outside": "EACCES",
        "create-in-parent": "EACCES",
        "overwrite-outside": "EACCES",
        "append-outside": "EACCES",
        "truncate-outside": "EACCES",
        "remove-outside": "EACCES",
        "read-outside": "ok",
    }
    assert (tmp_path / "shut/kept.txt").read_text() == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["open", "shut", "spec.json"]


@needs_landlock
def test_a_write_file_can_be_rewritten_but_not_removed_renamed_or_given_a_sibling(tmp_path: Path) -> None:
    (tmp_path / "code").mkdir()
    (tmp_path / "open").mkdir()
    target = tmp_path / "code/module.py"
    target.write_text("x = 1\n")
    spec = SandboxSpec(write=[str(tmp_path / "open")], write_files=[str(target)])
    code = f"""
    target = {str(target)!r}
    folder = os.path.dirname(target)
    attempt("rewrite", lambda: open(target, "w").write("x = 2"))
    attempt("truncate", lambda: os.truncate(target, 5))
    attempt("remove", lambda: os.remove(target))
    attempt("rename-away", lambda: os.rename(target, {str(tmp_path / "open/moved.py")!r}))
    attempt("rename-beside", lambda: os.rename(target, folder + "/other.py"))
    attempt("hard-link", lambda: os.link(target, {str(tmp_path / "open/linked.py")!r}))
    attempt("sibling", lambda: open(folder + "/sibling.py", "w"))
    attempt("symlink-beside", lambda: os.symlink(target, folder + "/alias.py"))
    """
    outcomes, _ = run_confined(tmp_path, spec, code)
    assert outcomes["rewrite"] == "ok"
    assert outcomes["truncate"] == "ok"
    # Landlock answers EXDEV for a link or rename across folders lacking REFER, so that tools fall back
    # to a copy (which the missing MAKE_REG then stops); EACCES for the rest.
    assert {label: outcomes[label] for label in outcomes if label not in ("rewrite", "truncate")} == {
        "remove": "EACCES",
        "rename-away": "EACCES" if ABI >= 2 else "EXDEV",
        "rename-beside": "EACCES",
        "hard-link": "EXDEV",
        "sibling": "EACCES",
        "symlink-beside": "EACCES",
    }
    assert target.read_text() == "x = 2"
    assert sorted(p.name for p in (tmp_path / "code").iterdir()) == ["module.py"]
    assert list((tmp_path / "open").iterdir()) == []


@needs_landlock
def test_a_symlinked_write_entry_grants_nothing_and_missing_paths_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "file-link").symlink_to(tmp_path / "elsewhere/victim.txt")
    (tmp_path / "elsewhere/victim.txt").write_text("safe\n")
    spec = SandboxSpec(
        write=[str(tmp_path / "missing"), str(tmp_path / "link"), str(tmp_path / "real")],
        write_files=[str(tmp_path / "file-link"), str(tmp_path / "missing.txt")],
    )
    code = f"""
    base = {str(tmp_path)!r}
    attempt("through-link", lambda: open(base + "/link/planted.txt", "w"))
    attempt("through-file-link", lambda: open(base + "/file-link", "w"))
    attempt("real", lambda: open(base + "/real/fine.txt", "w"))
    """
    outcomes, _ = run_confined(tmp_path, spec, code)
    assert outcomes == {"through-link": "EACCES", "through-file-link": "EACCES", "real": "ok"}
    assert (tmp_path / "elsewhere/victim.txt").read_text() == "safe\n"


@needs_landlock
def test_the_usual_devices_stay_usable_and_no_device_can_be_made(tmp_path: Path) -> None:
    (tmp_path / "open").mkdir()
    spec = SandboxSpec(write=[str(tmp_path / "open")])
    shm = f"/dev/shm/oversight-test-{os.getpid()}"
    code = f"""
    import stat
    def shm():
        with open({shm!r}, "w") as handle:
            handle.write("x")
        os.remove({shm!r})
    attempt("dev-null", lambda: open("/dev/null", "w").write("x"))
    attempt("dev-urandom", lambda: open("/dev/urandom", "rb").read(8))
    attempt("dev-zero", lambda: open("/dev/zero", "rb").read(8))
    attempt("dev-shm", shm)
    attempt("mknod", lambda: os.mknod({str(tmp_path / "open/null")!r}, stat.S_IFCHR | 0o666, os.makedev(1, 3)))
    attempt("dev-new", lambda: open("/dev/oversight-planted", "w"))
    """
    outcomes, _ = run_confined(tmp_path, spec, code)
    expected = {
        "dev-null": "ok",
        "dev-urandom": "ok",
        "dev-zero": "ok",
        "dev-shm": "ok" if os.path.isdir("/dev/shm") else "ENOENT",
        "mknod": "EACCES",
        "dev-new": "EACCES",
    }
    assert outcomes == expected


@needs_landlock
def test_the_restriction_survives_exec_of_a_grandchild(tmp_path: Path) -> None:
    (tmp_path / "open").mkdir()
    spec = SandboxSpec(write=[str(tmp_path / "open")])
    shut, opened = tmp_path / "file.txt", tmp_path / "open/file.txt"
    code = f"""
    import subprocess
    for label, target in (("grandchild-shut", {str(shut)!r}), ("grandchild-open", {str(opened)!r})):
        result = subprocess.run(["sh", "-c", "echo x > " + target], capture_output=True)
        print(label, result.returncode)
    """
    outcomes, _ = run_confined(tmp_path, spec, code)
    assert outcomes["grandchild-shut"] != "0"
    assert outcomes["grandchild-open"] == "0"
    assert not shut.exists()
    assert opened.read_text() == "x\n"


@needs_landlock_net
def test_landlock_alone_denies_tcp_even_to_the_hosts_loopback(listener: int) -> None:
    # No network namespace here: the child shares the host's network, and only Landlock stands in the way.
    code = f"""
    import sys
    sys.path.insert(0, {SANDBOX_DIR!r})
    import landlock
    attempt("before", lambda: socket.create_connection(("127.0.0.1", {listener}), timeout=5).close())
    print("abi", landlock.restrict_self(landlock.FsRules(), deny_tcp=True))
    attempt("connect", lambda: socket.create_connection(("127.0.0.1", {listener}), timeout=5).close())
    attempt("bind", lambda: socket.socket().bind(("127.0.0.1", 0)))
    attempt("udp", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).bind(("127.0.0.1", 0)))
    """
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", ATTEMPT + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    outcomes = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    # Landlock governs TCP only: a UDP socket is still allowed (and the namespace is what takes it away).
    assert outcomes == {"before": "ok", "abi": str(ABI), "connect": "EACCES", "bind": "EACCES", "udp": "ok"}


def test_with_the_network_off_the_hosts_loopback_is_unreachable(tmp_path: Path, listener: int) -> None:
    code = f"""
    attempt("host", lambda: socket.create_connection(("127.0.0.1", {listener}), timeout=5).close())
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    attempt("own-loopback", lambda: socket.create_connection(server.getsockname(), timeout=5).close())
    attempt("outside", lambda: socket.create_connection(("192.0.2.1", 80), timeout=5).close())
    """
    outcomes, status = run_confined(tmp_path, SandboxSpec(network=False), code)
    if not status["network_isolated"]:
        if status["tcp_denied"]:  # no namespace here; Landlock refuses TCP instead, loopback included
            assert outcomes["host"] == outcomes["own-loopback"] == "EACCES"
            return
        pytest.skip("neither a network namespace nor Landlock TCP rules are available here")
    assert status["tcp_denied"] is False
    assert outcomes == {"host": "ECONNREFUSED", "own-loopback": "ok", "outside": "ENETUNREACH"}


def test_with_the_network_on_the_hosts_loopback_is_reachable(tmp_path: Path, listener: int) -> None:
    code = (
        f"""attempt("host", lambda: socket.create_connection(("127.0.0.1", {listener}), timeout=5).close())"""
    )
    outcomes, status = run_confined(tmp_path, SandboxSpec(network=True), code)
    assert status["network_isolated"] is False and status["tcp_denied"] is False
    assert outcomes == {"host": "ok"}


def test_an_unprivileged_process_isolates_its_network_and_keeps_its_identity(listener: int) -> None:
    # As root, the child drops to nobody itself (after its imports), so no interpreter path need be
    # readable by nobody; then only the user-namespace route is open to it.
    code = f"""
    import sys
    sys.path.insert(0, {SANDBOX_DIR!r})
    import ctypes
    import encodings.idna  # create_connection loads it lazily, and nobody cannot read it later
    import isolate
    if os.getuid() == 0:
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
        ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE, as a process that never was root is
    before = (os.getuid(), os.getgid())
    print("isolated", isolate.isolate_network())
    print("same-identity", (os.getuid(), os.getgid()) == before)
    attempt("host", lambda: socket.create_connection(("127.0.0.1", {listener}), timeout=5).close())
    """
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", ATTEMPT + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    outcomes = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    if outcomes["isolated"] == "False":
        unshare = shutil.which("unshare")
        probe = [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            unshare or "unshare",
            "-U",
            "-n",
            "true",
        ]
        if not unshare or subprocess.run(probe, capture_output=True, check=False).returncode != 0:
            pytest.skip("unprivileged user namespaces are not permitted here")
    assert outcomes == {"isolated": "True", "same-identity": "True", "host": "ECONNREFUSED"}


def test_a_memory_limit_refuses_a_big_allocation_and_cannot_be_raised(tmp_path: Path) -> None:
    code = """
    import resource
    try:
        resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        print("raise-limit ok")
    except (ValueError, OSError):
        print("raise-limit refused")
    try:
        block = bytearray(2 * 1024**3)
        print("allocate ok")
    except MemoryError:
        print("allocate refused")
    print("limit", resource.getrlimit(resource.RLIMIT_AS)[0])
    """
    outcomes, status = run_confined(tmp_path, SandboxSpec(memory_bytes=512 * 1024**2), code)
    assert outcomes == {"raise-limit": "refused", "allocate": "refused", "limit": str(512 * 1024**2)}
    assert not status["warnings"] or ABI == 0


def test_a_file_size_limit_stops_a_runaway_write(tmp_path: Path) -> None:
    (tmp_path / "open").mkdir()
    code = f"""
    import signal
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    attempt("big-write", lambda: open({str(tmp_path / "open/big")!r}, "wb").write(b"x" * 200_000))
    """
    outcomes, _ = run_confined(
        tmp_path, SandboxSpec(write=[str(tmp_path / "open")], max_file_bytes=100_000), code
    )
    assert outcomes == {"big-write": "EFBIG"}


def test_the_launcher_runs_standalone_from_a_copy(tmp_path: Path) -> None:
    # Nothing but its two siblings: no `oversight` package, no site-packages.
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("launcher.py", "landlock.py", "isolate.py"):
        shutil.copy(Path(SANDBOX_DIR) / name, copy / name)
    SandboxSpec(write=[str(tmp_path)]).write_spec(tmp_path / "spec.json")
    marker = tmp_path / "ran"
    program = [sys.executable, "-c", f"open({str(marker)!r}, 'w').write('yes')"]
    done = subprocess.run(
        [sys.executable, "-I", "-S", str(copy / "launcher.py"), str(tmp_path / "spec.json"), "--", *program],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert marker.read_text() == "yes"


def _launch_without_landlock(tmp_path: Path, *, require: bool, namespace: bool) -> tuple[int, str, str, str]:
    """The launcher in a child where restrict_self fails as on a kernel without Landlock (and the network
    namespace is faked): its exit status, stdout, stderr and status line."""
    spec_path = tmp_path / "spec.json"
    status_r, status_w = os.pipe()
    SandboxSpec(require_landlock=require, status_fd=status_w).write_spec(spec_path)
    driver = f"""
import sys
sys.path.insert(0, {SANDBOX_DIR!r})
import isolate, landlock, launcher
def unavailable(*args, **kwargs):
    raise landlock.LandlockUnavailable("Landlock is not available in this kernel")
landlock.restrict_self = unavailable
isolate.isolate_network = lambda: {namespace}
sys.argv = ["launcher.py", {str(spec_path)!r}, "--", {sys.executable!r}, "-c", "print('ran')"]
sys.exit(launcher._entry())
"""
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-S", "-c", driver],
            capture_output=True,
            text=True,
            timeout=60,
            pass_fds=(status_w,),
            check=False,
        )
    finally:
        os.close(status_w)
    with os.fdopen(status_r, "rb") as reader:
        status = reader.read().decode()
    return done.returncode, done.stdout, done.stderr, status


def test_a_required_landlock_that_is_missing_fails_closed(tmp_path: Path) -> None:
    returncode, stdout, stderr, status = _launch_without_landlock(tmp_path, require=True, namespace=True)
    assert returncode == 126
    assert stdout == "" and status == ""
    assert stderr.count("\n") == 1 and "Landlock is required" in stderr


def test_a_missing_landlock_that_is_not_required_runs_with_warnings(tmp_path: Path) -> None:
    returncode, stdout, stderr, status = _launch_without_landlock(tmp_path, require=False, namespace=False)
    assert returncode == 0, stderr
    assert stdout == "ran\n"
    report = json.loads(status)
    assert (
        report["landlock_abi"] == 0 and report["network_isolated"] is False and report["tcp_denied"] is False
    )
    assert [w.split(":")[0] for w in report["warnings"]] == [
        "no kernel sandbox (Landlock)",
        "the network could not be switched off",
    ]


def test_restrict_self_raises_when_the_kernel_has_no_landlock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(landlock_module, "abi_version", lambda: 0)
    with pytest.raises(LandlockUnavailable):
        landlock_module.restrict_self(FsRules())


@pytest.mark.parametrize("abi", range(1, 8))
def test_rights_an_older_abi_does_not_know_are_not_handled(abi: int) -> None:
    handled = landlock_module._handled_fs(abi)
    assert bool(handled & landlock_module.REFER) == (abi >= 2)
    assert bool(handled & landlock_module.TRUNCATE) == (abi >= 3)
    assert bool(handled & landlock_module.IOCTL_DEV) == (abi >= 5)
    assert handled & landlock_module.MAKE_CHAR and handled & landlock_module.WRITE_FILE


@pytest.mark.parametrize(
    ("spec_text", "why"),
    [
        ("{", "Expecting"),
        ("null", "not a JSON object"),
        ('{"write": ["/tmp", 3]}', "write must be a list of paths"),
        ('{"read": [""]}', "read must be a list of paths"),
        ('{"network": "off"}', "network must be true or false"),
        ('{"require_landlock": 1}', "require_landlock must be true or false"),
        ('{"cpu_seconds": 1.5}', "cpu_seconds must be a whole number"),
        ('{"memory_bytes": true}', "memory_bytes must be a whole number"),
        ('{"writes": ["/tmp"]}', "unknown key 'writes'"),
        ("\xff\xfe", "codec"),
    ],
    ids=[
        "truncated",
        "null",
        "non-path",
        "empty-path",
        "bool",
        "int-bool",
        "float",
        "true",
        "typo",
        "binary",
    ],
)
def test_a_bad_spec_is_one_line_and_status_126(tmp_path: Path, spec_text: str, why: str) -> None:
    spec_path = tmp_path / "spec.json"
    spec_path.write_bytes(spec_text.encode("latin-1"))
    done = subprocess.run(
        [sys.executable, "-I", "-S", str(launcher_path()), str(spec_path), "--", "/bin/true"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 126
    assert done.stderr.count("\n") == 1 and "bad spec" in done.stderr and why in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("tail", "status", "why"),
    [
        (["--"], 126, "usage"),
        (["/bin/true"], 126, "usage"),
        (["--", "/nonexistent/program"], 127, "cannot run /nonexistent/program"),
        (["--", "/etc/hostname"], 126, "cannot run /etc/hostname"),
    ],
    ids=["no-program", "no-separator", "missing-program", "not-executable"],
)
def test_a_program_that_cannot_start_is_one_line(
    tmp_path: Path, tail: list[str], status: int, why: str
) -> None:
    SandboxSpec().write_spec(tmp_path / "spec.json")
    done = subprocess.run(
        [sys.executable, "-I", "-S", str(launcher_path()), str(tmp_path / "spec.json"), *tail],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == status
    assert done.stderr.count("\n") == 1 and why in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_a_status_descriptor_that_is_not_open_stops_the_launch(tmp_path: Path) -> None:
    SandboxSpec(status_fd=987).write_spec(tmp_path / "spec.json")
    done = subprocess.run(
        [sys.executable, "-I", "-S", str(launcher_path()), str(tmp_path / "spec.json"), "--", "/bin/true"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 126
    assert done.stderr.count("\n") == 1 and "descriptor 987" in done.stderr
