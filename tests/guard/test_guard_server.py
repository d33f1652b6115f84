"""`oversight guard serve` with real server and hook processes: every agent's answers are the in-process ones,
policy edits are seen, and a hook whose server is absent, killed, silent or wrong still decides in-process."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

OVERSIGHT = str(Path(sys.executable).with_name("oversight"))
# Runs the real entry point and says on its last stderr line whether the in-process hook was loaded.
PROBE = (
    "import sys\nfrom oversight.entry import main\nsys.argv = ['oversight', 'hook', sys.argv[1]]\n"
    "status = main()\nsys.stderr.write('\\nPATH=' + ('in-process' if 'oversight.guard.hook' in sys.modules "
    "else 'server'))\nsys.exit(status)\n"
)


class Env:
    def __init__(self, root: Path, sockets: Path) -> None:
        self.root = root
        self.repo = root / "repo"
        self.socket = sockets / "guard.sock"
        self.vars = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(root / "home"),
            "XDG_DATA_HOME": str(root / "data"),
            "OVERSIGHT_LEDGER": str(root / "data" / "ledger.db"),
            "OVERSIGHT_GUARD_SOCKET": str(self.socket),
        }
        self.server: subprocess.Popen[bytes] | None = None

    def start(self) -> subprocess.Popen[bytes]:
        self.server = subprocess.Popen(
            [OVERSIGHT, "guard", "serve"], env=self.vars, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 20
        while not self.answering():
            assert self.server.poll() is None, self.server.communicate()[1].decode()
            assert time.monotonic() < deadline, "the guard server did not start"
            time.sleep(0.02)
        return self.server

    def answering(self) -> bool:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            try:
                probe.connect(str(self.socket))
            except OSError:
                return False
        return True

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(10)

    def hook(
        self, agent: str, event: Any, raw: bytes | None = None, env: dict[str, str] | None = None
    ) -> tuple[int, str, str, str]:
        """(status, stdout, stderr, which path answered) of one whole hook process."""
        data = raw if raw is not None else json.dumps(event).encode()
        done = subprocess.run(
            [sys.executable, "-c", PROBE, agent],
            input=data,
            capture_output=True,
            env=self.vars | (env or {}),
            cwd=self.repo,
            check=False,
            timeout=60,
        )
        err, _, path = done.stderr.decode().rpartition("\nPATH=")
        assert "Traceback" not in err, err
        return done.returncode, done.stdout.decode(), err, path

    def guard_events(self) -> list[dict[str, Any]]:
        done = subprocess.run(
            [OVERSIGHT, "log", "show", "--format", "jsonl"], capture_output=True, text=True, env=self.vars
        )
        return [e for e in map(json.loads, done.stdout.splitlines()) if e["kind"] == "guard"]


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    sockets = Path(tempfile.mkdtemp(prefix="ovg-", dir="/tmp"))  # socket paths must stay under 108 bytes
    env = Env(tmp_path, sockets)
    repo = env.repo
    (repo / "tests").mkdir(parents=True)
    (repo / "monitoring").mkdir()
    (tmp_path / "home").mkdir()
    (repo / "oversight.toml").write_text('[guard]\ndeny = ["monitoring/**"]\nask = ["tests/**"]\n')
    (repo / "monitoring" / "alerts.py").write_text("ALERT = True\n")
    (repo / "tests" / "test_calc.py").write_text("def test_add():\n    assert 1 + 1 == 2\n")
    (repo / "calc.py").write_text("def add(a, b):\n    return a + b\n")
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, capture_output=True)
    yield env
    env.stop()
    shutil.rmtree(sockets, ignore_errors=True)


CONFTEST_HACK = (
    "import pytest\n\n\n@pytest.hookimpl(hookwrapper=True)\ndef pytest_runtest_makereport(item, call):\n"
    "    outcome = yield\n    outcome.get_result().outcome = 'passed'\n"
)


def claude(repo: Path, tool: str, tool_input: dict[str, Any], event: str = "PreToolUse") -> dict[str, Any]:
    return {
        "session_id": "s1",
        "cwd": str(repo),
        "hook_event_name": event,
        "tool_name": tool,
        "tool_input": tool_input,
        "tool_use_id": "toolu_1",
    }


def cases(repo: Path) -> list[tuple[str, dict[str, Any]]]:
    protected, test = str(repo / "monitoring" / "alerts.py"), str(repo / "tests" / "test_calc.py")
    patch = "*** Begin Patch\n*** Add File: monitoring/off.py\n+ALERT = False\n*** End Patch\n"
    return [
        ("claude-code", claude(repo, "Bash", {"command": "ls -la"})),
        ("claude-code", claude(repo, "Read", {"file_path": str(repo / "calc.py")})),
        ("claude-code", claude(repo, "Write", {"file_path": protected, "content": "ALERT = False\n"})),
        ("claude-code", claude(repo, "Edit", {"file_path": test, "old_string": "2\n", "new_string": "3\n"})),
        ("claude-code", claude(repo, "Bash", {"command": f"sed -i s/True/False/ {protected}"})),
        ("claude-code", claude(repo, "Write", {"file_path": "conftest.py", "content": CONFTEST_HACK})),
        ("claude-code", claude(repo, "Write", {"file_path": "new.py", "content": "x = 1\n"}, "PostToolUse")),
        ("claude-code", {"hook_event_name": "SessionStart", "session_id": "s", "cwd": str(repo)}),
        ("claude-code", {"hook_event_name": "BrandNewEvent", "session_id": "s", "cwd": str(repo)}),
        ("codex", claude(repo, "apply_patch", {"command": patch})),
        ("codex", claude(repo, "Bash", {"command": "echo x >> tests/test_calc.py"})),
        ("codex", claude(repo, "Bash", {"command": "python -m pytest -q"})),
        (
            "gemini",
            claude(repo, "write_file", {"file_path": protected, "content": "x"}, "BeforeTool"),
        ),
        ("gemini", claude(repo, "write_file", {"file_path": "new.py", "content": "x = 1\n"}, "BeforeTool")),
        (
            "cursor",
            {
                "conversation_id": "cv",
                "hook_event_name": "beforeShellExecution",
                "workspace_roots": [str(repo)],
                "command": "rm -rf monitoring",
                "cwd": str(repo),
            },
        ),
        (
            "cursor",
            {"conversation_id": "cv", "hook_event_name": "beforeShellExecution", "command": "git status"},
        ),
        (
            "copilot",
            {
                "cwd": str(repo),
                "toolName": "create",
                "toolArgs": json.dumps({"path": protected, "file_text": "x"}),
            },
        ),
        ("copilot", {"cwd": str(repo), "toolName": "bash", "toolArgs": json.dumps({"command": "ls"})}),
    ]


BAD_INPUT = [b"", b"{not json", b'{"hook_event_name": "PreToolUse"}\x00', b"[1, 2]", b"\xff\xfe"]


def test_every_answer_is_the_in_process_answer(env: Env) -> None:
    absent = {"OVERSIGHT_GUARD_SOCKET": str(env.root / "absent.sock")}
    expected = [env.hook(agent, event, env=absent) for agent, event in cases(env.repo)]
    expected_bad = [env.hook("claude-code", None, raw, env=absent) for raw in BAD_INPUT]
    assert {answer[3] for answer in expected + expected_bad} == {"in-process"}
    assert {answer[0] for answer in expected} == {0, 2}
    assert any('"ask"' in answer[1] for answer in expected)

    env.start()
    served = [env.hook(agent, event) for agent, event in cases(env.repo)]
    served_bad = [env.hook("claude-code", None, raw) for raw in BAD_INPUT]
    assert {answer[3] for answer in served + served_bad} == {"server"}
    assert [a[:3] for a in served] == [a[:3] for a in expected]
    assert [a[:3] for a in served_bad] == [a[:3] for a in expected_bad]

    events = env.guard_events()
    half = len(events) // 2
    assert half >= len(cases(env.repo)) and len(events) % 2 == 0
    strip = ("time", "index", "hash", "prev", "signature", "key")
    same = [{k: v for k, v in e.items() if k not in strip} for e in events]
    assert same[:half] == same[half:]  # the server records exactly what the hook process would


def test_usage_errors_and_oversized_input_answer_as_in_process(env: Env) -> None:
    env.start()
    big = b'{"hook_event_name": "PreToolUse", "x": "' + b"a" * 10_000_001 + b'"}'
    status, out, err, path = env.hook("claude-code", None, big)
    assert (status, out, path) == (2, "", "server") and "larger than 10 MB" in err
    status, out, err, path = env.hook("vim", None, b"{}")
    assert (status, path) == (2, "server") and "usage" in err


def test_policy_edits_are_picked_up(env: Env) -> None:
    env.start()
    event = claude(env.repo, "Write", {"file_path": str(env.repo / "calc.py"), "content": "x = 1\n"})
    assert env.hook("claude-code", event)[:2] == (0, "")
    (env.repo / "oversight.toml").write_text('[guard]\ndeny = ["calc.py"]\n')
    status, _, err, path = env.hook("claude-code", event)
    assert (status, path) == (2, "server") and "calc.py" in err
    (env.repo / "oversight.toml").write_text('[guard]\ndeny = ["calx.py"]\n')  # same size, same tick
    assert env.hook("claude-code", event)[:2] == (0, "")
    (env.repo / "oversight.toml").write_text('[guard]\ndeny = ["calc.py"]\n')
    assert env.hook("claude-code", event)[0] == 2
    (env.repo / "oversight.toml").write_text("[guard\n")
    status, _, err, _ = env.hook("claude-code", event)
    assert status == 2 and "policy" in err
    (env.repo / "oversight.toml").unlink()
    (env.repo / "pyproject.toml").write_text('[tool.oversight.guard]\ndeny = ["calc.py"]\n')
    assert env.hook("claude-code", event)[0] == 2
    (env.repo / "pyproject.toml").write_text('[project]\nname = "calc"\n')
    assert env.hook("claude-code", event)[:2] == (0, "")


def test_a_killed_server_or_another_setting_means_an_in_process_decision(env: Env) -> None:
    deny = claude(env.repo, "Write", {"file_path": str(env.repo / "monitoring/alerts.py"), "content": ""})
    server = env.start()
    assert env.hook("claude-code", deny)[::3] == (2, "server")
    other = {"OVERSIGHT_LEDGER": str(env.root / "other.db")}
    assert env.hook("claude-code", deny, env=other)[::3] == (2, "in-process")
    server.send_signal(signal.SIGKILL)
    server.wait(10)
    assert env.socket.exists()  # a stale socket: connecting is refused
    status, _, err, path = env.hook("claude-code", deny)
    assert (status, path) == (2, "in-process") and "monitoring/**" in err
    env.start()  # a new server replaces the stale socket
    assert env.hook("claude-code", deny)[::3] == (2, "server")


def fake_server(path: Path, reply: bytes | None, delay: float = 0.0) -> threading.Thread:
    """A server that reads the request and answers `reply` (None: closes without a word)."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(4)

    def run() -> None:
        with listener:
            conn, _ = listener.accept()
            with conn:
                while conn.recv(1 << 16):
                    pass
                time.sleep(delay)
                if reply is not None:
                    conn.sendall(reply)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


ALLOW = b"OVG1\x00" + (0).to_bytes(4, "big") + (0).to_bytes(4, "big")


@pytest.mark.parametrize(
    "reply",
    [
        None,
        b"garbage",
        ALLOW + b"extra",
        b"OVG1\x07" + (0).to_bytes(8, "big"),
        b"OVG1\x00" + (5).to_bytes(4, "big") + b"\xff\xff\xff\xff\xff" + (0).to_bytes(4, "big"),
    ],
)
def test_garbage_or_silence_from_the_socket_means_an_in_process_decision(
    env: Env, reply: bytes | None
) -> None:
    deny = claude(env.repo, "Write", {"file_path": str(env.repo / "monitoring/alerts.py"), "content": ""})
    thread = fake_server(env.socket, reply)
    status, out, err, path = env.hook("claude-code", deny)
    thread.join(10)
    assert (status, out, path) == (2, "", "in-process") and "monitoring/**" in err


def test_a_well_formed_allow_is_taken_so_the_wire_format_is_what_the_fallback_tests_break(env: Env) -> None:
    fine = claude(env.repo, "Bash", {"command": "ls"})
    thread = fake_server(env.socket, ALLOW)
    assert env.hook("claude-code", fine) == (0, "", "", "server")
    thread.join(10)


def test_a_server_that_hangs_times_out_into_an_in_process_decision(env: Env) -> None:
    deny = claude(env.repo, "Write", {"file_path": str(env.repo / "monitoring/alerts.py"), "content": ""})
    fake_server(env.socket, ALLOW, delay=30)
    start = time.monotonic()
    status, _, _, path = env.hook("claude-code", deny)
    assert (status, path) == (2, "in-process") and time.monotonic() - start < 20


@pytest.mark.skipif(os.getuid() != 0, reason="changing uid needs root")
def test_a_peer_with_another_uid_gets_no_answer(env: Env) -> None:
    env.start()
    os.chmod(env.socket.parent, 0o755)
    os.chmod(env.socket, 0o777)
    fields = ["claude-code", str(env.repo)] + [
        "=" + env.vars[k] for k in ("HOME", "XDG_DATA_HOME", "OVERSIGHT_LEDGER")
    ]
    header, data = (
        "\0".join(fields).encode(),
        json.dumps(claude(env.repo, "Bash", {"command": "ls"})).encode(),
    )
    request = b"OVG1" + len(header).to_bytes(4, "big") + header + len(data).to_bytes(8, "big") + data
    probe = (
        "import os, socket, sys\nos.setgid(65534)\nos.setuid(65534)\n"
        "s = socket.socket(socket.AF_UNIX)\ns.connect(sys.argv[1])\nreply = b''\ntry:\n"
        "    s.sendall(bytes.fromhex(sys.argv[2]))\n    s.shutdown(socket.SHUT_WR)\n    reply = s.recv(100)\n"
        "except (BrokenPipeError, ConnectionResetError):\n    pass\nprint(repr(reply))\n"
    )
    answers = []
    for uid in (0, 65534):
        done = subprocess.run(
            [sys.executable, "-c", probe.replace("65534", str(uid)), str(env.socket), request.hex()],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        answers.append(done.stdout.strip())
    assert answers == [repr(ALLOW), "b''"]  # root is answered (an allow), another uid is not


def test_the_server_refuses_a_path_in_use(env: Env) -> None:
    env.start()
    done = subprocess.run(
        [OVERSIGHT, "guard", "serve"], env=env.vars, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 2 and "already answering" in done.stderr and "Traceback" not in done.stderr
    assert env.hook("claude-code", claude(env.repo, "Bash", {"command": "ls"}))[::3] == (0, "server")


def test_hooks_at_the_same_time_each_get_their_own_answer(env: Env) -> None:
    from concurrent.futures import ThreadPoolExecutor

    env.start()
    events = [(agent, event) for agent, event in cases(env.repo) if agent == "claude-code"][:5] * 2
    with ThreadPoolExecutor(len(events)) as pool:
        answers = list(pool.map(lambda item: env.hook(*item), events))
    assert {a[3] for a in answers} == {"server"}
    assert answers[: len(events) // 2] == answers[len(events) // 2 :]
    assert [a[0] for a in answers[:5]] == [0, 0, 2, 0, 2]
