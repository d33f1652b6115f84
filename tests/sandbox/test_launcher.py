"""The launcher confines real processes: writes outside the granted folders fail, the network is gone, the
restriction survives exec, and a bad spec is one line with status 126."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from oversight.sandbox import SandboxSpec, abi_version, launcher_command

needs_landlock = pytest.mark.skipif(abi_version() < 1, reason="this kernel has no Landlock")


def confined(tmp_path: Path, spec: SandboxSpec, code: str) -> subprocess.CompletedProcess[str]:
    command = launcher_command(sys.executable, spec, [sys.executable, "-c", code], tmp_path / "spec.json")
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


@needs_landlock
def test_writes_only_where_granted(tmp_path: Path) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "shut").mkdir()
    (tmp_path / "shut/code.py").write_text("x = 1\n")
    spec = SandboxSpec(write=[str(tmp_path / "open")], write_files=[str(tmp_path / "shut/code.py")])
    code = f"""
import os
def attempt(action):
    try:
        action()
        return "ok"
    except OSError:
        return "denied"
base = {str(tmp_path)!r}
print(attempt(lambda: open(base + "/open/new.txt", "w").write("y")))
print(attempt(lambda: open(base + "/shut/new.txt", "w").write("y")))
print(attempt(lambda: open(base + "/shut/code.py", "w").write("x = 2")))
print(attempt(lambda: os.remove(base + "/shut/code.py")))
print(attempt(lambda: os.rename(base + "/shut/code.py", base + "/open/moved.py")))
"""
    done = confined(tmp_path, spec, code)
    assert done.stdout.split() == ["ok", "denied", "ok", "denied", "denied"], done.stderr
    assert (tmp_path / "shut/code.py").read_text() == "x = 2"


@needs_landlock
def test_the_restriction_survives_exec_of_a_grandchild(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    code = f"import subprocess; print(subprocess.run(['sh', '-c', 'echo x > {target}']).returncode)"
    done = confined(tmp_path, SandboxSpec(), code)
    assert done.stdout.strip() != "0"
    assert not target.exists()


def test_network_is_off_but_loopback_servers_work(tmp_path: Path) -> None:
    with socket.socket() as outside:
        outside.bind(("127.0.0.1", 0))
        outside.listen()
        port = outside.getsockname()[1]
        code = f"""
import socket
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=2).close()
    print("reached")
except OSError:
    print("unreachable")
server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen()
socket.create_connection(server.getsockname(), timeout=2).close()
print("loopback")
"""
        fd_r, fd_w = os.pipe()
        spec = SandboxSpec(status_fd=fd_w)
        command = launcher_command(sys.executable, spec, [sys.executable, "-c", code], tmp_path / "spec.json")
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=60, pass_fds=(fd_w,), check=False
        )
        os.close(fd_w)
        status = json.loads(os.read(fd_r, 65536).decode())
        os.close(fd_r)
    if not status["network_isolated"]:
        pytest.skip("network namespaces are not permitted here")
    assert done.stdout.split() == ["unreachable", "loopback"], done.stderr


def test_memory_limit_makes_a_big_allocation_fail(tmp_path: Path) -> None:
    code = "try:\n    b = bytearray(2 * 1024**3)\n    print('allocated')\nexcept MemoryError:\n    print('refused')\n"
    done = confined(tmp_path, SandboxSpec(memory_bytes=512 * 1024**2), code)
    assert done.stdout.strip() == "refused"


@pytest.mark.parametrize(
    "spec_text",
    ["not json", "[1, 2]", '{"write": "/tmp"}', '{"memory_bytes": -1}'],
    ids=["text", "list", "str", "neg"],
)
def test_a_bad_spec_is_one_line_and_status_126(tmp_path: Path, spec_text: str) -> None:
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(spec_text)
    launcher = launcher_command(sys.executable, SandboxSpec(), ["/bin/true"], tmp_path / "ignored.json")[3]
    done = subprocess.run(
        [sys.executable, "-I", "-S", launcher, str(spec_path), "--", "/bin/true"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 126
    assert len(done.stderr.strip().splitlines()) == 1 and "bad spec" in done.stderr
