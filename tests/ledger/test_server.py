"""The ledger server: events over a Unix socket from many processes, stamped with kernel credentials."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from oversight.ledger import Ledger
from oversight.ledger.locations import default_socket
from oversight.ledger.server import send_events

from .conftest import Backend

SENDER = """
import sys
from oversight.ledger.client import send_events
worker, count, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
indexes = send_events(path, [{"kind": "tick", "worker": worker, "n": n} for n in range(count)], timeout=300)
assert len(indexes) == count
"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    ledger = tmp_path / "ledger.db"
    sock = tmp_path / "ledger.db.sock"
    process = subprocess.Popen(
        [sys.executable, "-m", "oversight.cli", "ledger", "serve", "--ledger", str(ledger)]
    )
    deadline = time.monotonic() + 30
    while not sock.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sock.exists(), "the server did not start"
    yield ledger, sock
    process.terminate()
    process.wait(timeout=30)


def test_eight_processes_append_ten_thousand_events_each(server: tuple[Path, Path]) -> None:
    ledger_path, sock = server
    workers = [subprocess.Popen([sys.executable, "-c", SENDER, str(w), "10000", str(sock)]) for w in range(8)]
    assert all(w.wait(timeout=600) == 0 for w in workers)
    ledger = Ledger.open(str(ledger_path))
    seen = {(e["worker"], e["n"]) for _, e in ledger.events()}
    assert ledger.size() == 80_000 and len(seen) == 80_000
    assert ledger.verify().intact


def test_events_carry_the_senders_credentials_and_bad_lines_are_refused(server: tuple[Path, Path]) -> None:
    ledger_path, sock = server
    [index] = send_events(str(sock), [{"kind": "hook", "peer": {"pid": 1, "uid": 0}}])
    with socket.socket(socket.AF_UNIX) as client:
        client.connect(str(sock))
        client.settimeout(30)
        client.sendall(b"not json\n[1]\n")
        stream = client.makefile()
        replies = stream.readline(), stream.readline()
    assert "not JSON" in replies[0] and "JSON object" in replies[1]
    event = dict(Ledger.open(str(ledger_path)).events())[index]
    assert event["peer"]["pid"] == os.getpid()  # the claimed pid 1 was replaced by the kernel's answer


def test_log_append_goes_through_the_server_and_falls_back_when_it_is_gone(tmp_path: Path) -> None:
    ledger = tmp_path / "l.db"
    Ledger.open(str(ledger)).close()
    (tmp_path / "l.db.sock").touch()  # a socket file nobody listens on
    done = subprocess.run(
        [sys.executable, "-m", "oversight.cli", "log", "append", "--ledger", str(ledger)],
        input=json.dumps({"kind": "hook"}), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.strip() == "0"
    assert "appending directly" in done.stderr


def test_a_server_thread_in_process(tmp_path: Path) -> None:
    from oversight.ledger.server import serve

    ready = threading.Event()
    thread = threading.Thread(
        target=serve, args=(str(tmp_path / "t.db"), None, str(tmp_path / "t.sock"), ready), daemon=True
    )
    thread.start()
    assert ready.wait(10)
    assert send_events(str(tmp_path / "t.sock"), [{"kind": "a"}, {"kind": "b"}]) == [0, 1]


def test_a_server_in_front_of_postgresql_and_log_append_finds_its_socket(pg_backend: Backend) -> None:
    location = pg_backend.fresh()
    process = subprocess.Popen(
        [sys.executable, "-m", "oversight.cli", "ledger", "serve", "--ledger", location]
    )
    sock = Path(default_socket(location))
    try:
        deadline = time.monotonic() + 30
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sock.exists(), "the server did not start"
        done = subprocess.run(
            [sys.executable, "-m", "oversight.cli", "log", "append", "--ledger", location],
            input='{"kind": "hook", "n": 1}\n{"kind": "hook", "n": 2}\n', capture_output=True, text=True,
            check=False,
        )  # fmt: skip
        assert done.returncode == 0 and done.stdout.split() == ["0", "1"], done.stderr
        assert "appending directly" not in done.stderr
    finally:
        process.terminate()
        process.wait(timeout=30)
    ledger = Ledger.open(location)
    assert [e["n"] for _, e in ledger.events()] == [1, 2] and ledger.verify().intact


def test_the_hook_path_loads_no_database_crypto_or_canonical_json(tmp_path: Path) -> None:
    probe = (
        "import sys, oversight.ledger.record\n"
        "heavy = {'sqlite3', 'psycopg', 'cryptography', 'rfc8785', 'oversight.ledger.log', 'oversight.types'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_record_sends_one_event_to_a_running_server(tmp_path: Path) -> None:
    from oversight.ledger.record import record
    from oversight.ledger.server import serve
    from oversight.types import Event

    ready = threading.Event()
    location = str(tmp_path / "r.db")
    threading.Thread(target=serve, args=(location, None, None, ready), daemon=True).start()
    assert ready.wait(10)
    assert record(Event("hook", agent="claude", outcome="allow"), location) == 0
    [(_, event)] = Ledger.open(location).events()
    assert event["agent"] == "claude" and event["time"].endswith("Z") and event["peer"]["pid"] == os.getpid()


def test_an_oversized_event_is_refused_and_its_neighbours_still_go_in(server: tuple[Path, Path]) -> None:
    ledger_path, sock = server
    events = [{"kind": "a"}, {"kind": "big", "text": "x" * 1_500_000}, {"kind": "c"}]
    with socket.socket(socket.AF_UNIX) as client:
        client.connect(str(sock))
        client.settimeout(60)
        client.sendall("".join(json.dumps(e) + "\n" for e in events).encode())
        client.shutdown(socket.SHUT_WR)
        replies = [json.loads(line) for line in client.makefile()]
    assert (
        replies[0] == {"index": 0}
        and "exceeds the limit" in replies[1]["error"]
        and replies[2] == {"index": 1}
    )
    assert [e["kind"] for _, e in Ledger.open(str(ledger_path)).events()] == ["a", "c"]
