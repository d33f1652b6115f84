"""The ledger on real SQLite files: appends, signed checkpoints, proofs, and every kind of tampering found."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oversight.cli import main
from oversight.ledger import Ledger, LedgerError


def event(n: int) -> dict[str, object]:
    return {
        "kind": "decision",
        "session": f"s{n % 3}",
        "agent": "claude",
        "action": "edit",
        "outcome": "deny",
        "n": n,
    }


def filled(tmp_path: Path, n: int, name: str = "ledger.db") -> Ledger:
    ledger = Ledger.open(str(tmp_path / name))
    ledger.append([event(i) for i in range(n)])
    return ledger


def test_appends_sign_checkpoints_and_verify(tmp_path: Path) -> None:
    ledger = filled(tmp_path, 10)
    assert ledger.append([event(10), event(11)]) == [10, 11]
    note = ledger.checkpoint()
    lines = note.splitlines()
    assert lines[0] == ledger.origin and lines[1] == "12" and lines[3] == "" and lines[4].startswith("— ")
    assert ledger.verify().intact
    assert oct((tmp_path / "ledger.db.key").stat().st_mode & 0o777) == "0o600"


def test_events_are_canonical_json_and_large_payloads_go_to_blobs(tmp_path: Path) -> None:
    ledger = Ledger.open(str(tmp_path / "l.db"))
    big = "x" * 10_000
    ledger.append([{"outcome": "ok", "kind": "scan", "payload": {"diff": big, "n": 1.0}}])
    raw = ledger.store.entry(0)
    assert (
        raw == b'{"kind":"scan","outcome":"ok","payload":{"diff":{"blob":"sha256:' + raw.split(b"sha256:")[1]
    )
    digest = json.loads(raw)["payload"]["diff"]["blob"].removeprefix("sha256:")
    assert ledger.store.get_blob(digest) == big.encode()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(1, 40), data=st.data())
def test_flipping_any_byte_of_any_entry_or_node_is_found(
    tmp_path_factory: pytest.TempPathFactory, n: int, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("flip")
    filled(folder, n).close()
    table = data.draw(st.sampled_from(["entries", "nodes", "checkpoints"]))
    db = sqlite3.connect(str(folder / "ledger.db"), isolation_level=None)
    column, key = {"entries": ("data", "idx"), "nodes": ("hash", "rowid"), "checkpoints": ("note", "size")}[
        table
    ]
    if table == "nodes":
        rows = db.execute("SELECT level, idx, hash FROM nodes").fetchall()
        level, index, value = data.draw(st.sampled_from(rows))
        byte = data.draw(st.integers(0, len(value) - 1))
        flipped = bytes(value[:byte]) + bytes([value[byte] ^ 0x01]) + bytes(value[byte + 1 :])
        db.execute("UPDATE nodes SET hash = ? WHERE level = ? AND idx = ?", (flipped, level, index))
    else:
        rows = db.execute(f"SELECT {key}, {column} FROM {table}").fetchall()
        row_key, value = data.draw(st.sampled_from(rows))
        raw = value.encode() if isinstance(value, str) else bytes(value)
        byte = data.draw(st.integers(0, len(raw) - 1))
        flipped = raw[:byte] + bytes([raw[byte] ^ 0x01]) + raw[byte + 1 :]
        stored: object = flipped.decode("utf-8", "replace") if isinstance(value, str) else flipped
        if stored == value:
            return
        db.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (stored, row_key))
    db.close()
    assert not Ledger.open(str(folder / "ledger.db")).verify().intact


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(2, 30), data=st.data())
def test_deleting_or_reordering_entries_is_found(
    tmp_path_factory: pytest.TempPathFactory, n: int, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("order")
    filled(folder, n)
    db = sqlite3.connect(str(folder / "ledger.db"), isolation_level=None)
    a = data.draw(st.integers(0, n - 1))
    if data.draw(st.booleans()):
        db.execute("DELETE FROM entries WHERE idx = ?", (a,))
    else:
        b = data.draw(st.integers(0, n - 1).filter(lambda x: x != a))
        rows = dict(db.execute("SELECT idx, data FROM entries WHERE idx IN (?, ?)", (a, b)).fetchall())
        if rows[a] == rows[b]:
            return
        db.execute("UPDATE entries SET data = ? WHERE idx = ?", (rows[b], a))
        db.execute("UPDATE entries SET data = ? WHERE idx = ?", (rows[a], b))
    db.close()
    assert not Ledger.open(str(folder / "ledger.db")).verify().intact


def test_truncation_and_rollback_are_found_against_a_saved_checkpoint(tmp_path: Path) -> None:
    filled(tmp_path, 5).close()  # closing folds the write-ahead log into the file: a complete old copy
    shutil.copy(tmp_path / "ledger.db", tmp_path / "old.db")
    ledger = Ledger.open(str(tmp_path / "ledger.db"))
    ledger.append([event(i) for i in range(5, 9)])
    saved = ledger.checkpoint()
    ledger.close()
    # Truncated consistently, checkpoints included: only a saved checkpoint shows it.
    db = sqlite3.connect(str(tmp_path / "ledger.db"), isolation_level=None)
    for table, column in (("entries", "idx"), ("checkpoints", "size")):
        db.execute(f"DELETE FROM {table} WHERE {column} > 6")
    db.execute("DELETE FROM nodes WHERE (idx + 1) * (1 << level) > 6")
    db.close()
    truncated = Ledger.open(str(tmp_path / "ledger.db"))
    assert not truncated.verify(saved).intact
    # Restoring an older copy of the database (a rollback to 5 entries).
    shutil.copy(tmp_path / "old.db", tmp_path / "ledger.db")
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"ledger.db{suffix}").unlink(missing_ok=True)
    rolled_back = Ledger.open(str(tmp_path / "ledger.db"))
    assert rolled_back.verify().intact  # alone it looks fine ...
    problems = rolled_back.verify(saved).problems
    assert any("truncated or rolled back" in str(p) for p in problems), (
        problems
    )  # ... the saved checkpoint says not


def test_a_checkpoint_from_another_log_is_refused(tmp_path: Path) -> None:
    ours = filled(tmp_path, 3, "a.db")
    theirs = filled(tmp_path, 3, "b.db")
    problems = ours.verify(theirs.checkpoint()).problems
    assert problems and "checkpoint" in problems[0].where


def test_proofs_round_trip_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "l.db")
    filled(tmp_path, 21, "l.db").close()
    assert main(["log", "prove", "--ledger", path, "--index", "7", "--size", "15"]) == 0
    inclusion = capsys.readouterr().out
    assert main(["log", "prove", "--ledger", path, "--consistency", "6", "21"]) == 0
    consistency = capsys.readouterr().out
    for proof in (inclusion, consistency):
        (tmp_path / "p.json").write_text(proof)
        assert main(["log", "verify-proof", str(tmp_path / "p.json")]) == 0
        data = json.loads(proof)
        data["proof"][0] = ("0" if data["proof"][0][0] != "0" else "1") + data["proof"][0][1:]
        (tmp_path / "p.json").write_text(json.dumps(data))
        assert main(["log", "verify-proof", str(tmp_path / "p.json")]) == 1


def test_cli_append_checkpoint_verify_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OVERSIGHT_LEDGER", str(tmp_path / "env.db"))
    monkeypatch.setattr("sys.stdin", io.StringIO('{"action": "edit"}\n{"action": "bash", "kind": "hook"}\n'))
    assert main(["log", "append", "--kind", "decision"]) == 0
    assert capsys.readouterr().out.split() == ["0", "1"]
    assert main(["log", "checkpoint"]) == 0
    checkpoint = capsys.readouterr().out
    assert checkpoint.splitlines()[1] == "2"
    (tmp_path / "cp").write_text(checkpoint)
    assert main(["log", "verify", "--checkpoint", str(tmp_path / "cp")]) == 0
    assert main(["log", "show", "--kind", "hook", "--format", "jsonl"]) == 0
    shown = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    assert [e["action"] for e in shown] == ["bash"]


@pytest.mark.parametrize(
    ("stdin", "message"),
    [("not json", "not JSON"), ("[1, 2]", "JSON object"), ("", "no event"), ('{"a": 1}\n{"b": ', "line 2")],
)
def test_bad_input_appends_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: str,
    message: str,
) -> None:
    path = str(tmp_path / "l.db")
    filled(tmp_path, 2, "l.db").close()
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main(["log", "append", "--ledger", path]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]
    assert Ledger.open(path).size() == 2


def test_oversized_events_corrupt_files_and_wrong_keys_are_clear_errors(tmp_path: Path) -> None:
    ledger = filled(tmp_path, 1)
    ledger.max_event_bytes = 100
    with pytest.raises(LedgerError, match="exceeds the limit"):
        ledger.append([{"kind": "x", "blob": "y" * 200}])
    assert ledger.size() == 1
    (tmp_path / "corrupt.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(LedgerError):
        Ledger.open(str(tmp_path / "corrupt.db")).size()
    other = filled(tmp_path, 1, "other.db")
    other.close()
    with pytest.raises(LedgerError, match="not this ledger's key"):
        Ledger.open(str(tmp_path / "ledger.db"), key_path=str(tmp_path / "other.db.key"))


WRITER = """
import sys
from oversight.ledger import Ledger
ledger = Ledger.open(sys.argv[1])
n = 0
while True:
    for index in ledger.append([{"kind": "tick", "n": n + i} for i in range(20)]):
        print(index, flush=True)
    n += 20
"""


def test_killing_the_writer_loses_no_acknowledged_entry(tmp_path: Path) -> None:
    path = str(tmp_path / "crash.db")
    Ledger.open(path).close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, path], stdout=subprocess.PIPE, text=True)
    acknowledged: list[int] = []
    assert writer.stdout is not None
    started = time.monotonic()
    while len(acknowledged) < 500 and time.monotonic() - started < 30:
        acknowledged.append(int(writer.stdout.readline()))
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    ledger = Ledger.open(path)
    assert ledger.size() >= acknowledged[-1] + 1
    assert ledger.verify().intact  # entries, nodes and their checkpoint commit together


def test_scan_and_verify_record_their_results(
    tmp_path: Path, make_repo: Callable[[dict[str, str | bytes]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import write

    repo = make_repo(
        {
            "slug.py": "def slugify(t):\n    return t.lower()\n",
            "tests/test_s.py": "from slug import slugify\n\ndef test_s():\n    assert slugify('A') == 'a'\n",
        }
    )
    write(repo, {"slug.py": "import sys\n\ndef slugify(t):\n    sys.exit(0)\n"})
    ledger = str(tmp_path / "rec.db")
    assert main(["scan", str(repo), "--fail-on", "medium", "--record", ledger]) == 1
    assert main(["verify", str(repo), "--record", ledger]) == 3
    assert "recorded as ledger entry 1" in capsys.readouterr().err
    events = dict(Ledger.open(ledger).events())
    assert events[0]["kind"] == "scan" and events[0]["outcome"] == "medium"
    assert events[1]["kind"] == "verdict" and events[1]["outcome"] == "tampered"
    assert events[1]["payload"]["tests"]["expected"] == 1 and events[1]["time"].endswith("Z")
    assert Ledger.open(ledger).verify().intact


def test_a_proof_is_anchored_to_a_signed_checkpoint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "a.db")
    ledger = filled(tmp_path, 9, "a.db")
    (tmp_path / "cp").write_text(ledger.checkpoint())
    vkey = ledger.verifier.key()
    ledger.close()
    for args, status in (
        (["--index", "3"], 0),  # size 9: the checkpoint's
        (["--index", "3", "--size", "5"], 1),  # a valid proof, but not for the signed tree
        (["--consistency", "4", "9"], 0),
    ):
        assert main(["log", "prove", "--ledger", path, *args]) == 0
        (tmp_path / "p.json").write_text(capsys.readouterr().out)
        anchored = ["log", "verify-proof", str(tmp_path / "p.json"), "--checkpoint", str(tmp_path / "cp")]
        assert main([*anchored, "--vkey", vkey]) == status
        assert main([*anchored, "--ledger", path]) == status
        capsys.readouterr()
    other = filled(tmp_path, 9, "b.db")
    assert main([*anchored, "--vkey", other.verifier.key()]) == 1  # signed by another log
