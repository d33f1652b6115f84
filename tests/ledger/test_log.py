"""The ledger on real SQLite files and a real PostgreSQL server: appends, signed checkpoints, proofs, and every
kind of tampering found."""

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
import rfc8785
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from oversight.cli import main
from oversight.ledger import Ledger, LedgerError, canonical
from oversight.ledger.locations import default_key
from oversight.ledger.note import Checkpoint, open_note

from .conftest import Backend


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


def grown(location: str, n: int) -> Ledger:
    ledger = Ledger.open(location)
    ledger.append([event(i) for i in range(n)])
    return ledger


def test_appends_sign_checkpoints_and_verify(backend: Backend) -> None:
    location = backend.fresh()
    ledger = grown(location, 10)
    assert ledger.append([event(10), event(11)]) == [10, 11]
    note = ledger.checkpoint()
    lines = note.splitlines()
    assert lines[0] == ledger.origin and lines[1] == "12" and lines[3] == "" and lines[4].startswith("— ")
    assert ledger.verify().intact
    assert oct(Path(default_key(location)).stat().st_mode & 0o777) == "0o600"
    assert ledger.verifier.key() not in str(backend.snapshot(location)["entries"])


def test_events_are_canonical_json_and_large_payloads_go_to_blobs(backend: Backend) -> None:
    ledger = Ledger.open(backend.fresh())
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
    backend: Backend, n: int, data: st.DataObject
) -> None:
    location = backend.fresh()
    grown(location, n).close()
    table = data.draw(st.sampled_from(["entries", "nodes", "checkpoints"]))
    if table == "nodes":
        rows = backend.sql(location, "SELECT level, idx, hash FROM nodes ORDER BY level, idx")
        level, index, value = data.draw(st.sampled_from(rows))
        byte = data.draw(st.integers(0, len(value) - 1))
        flipped = bytes(value[:byte]) + bytes([value[byte] ^ 0x01]) + bytes(value[byte + 1 :])
        backend.sql(location, "UPDATE nodes SET hash = ? WHERE level = ? AND idx = ?", flipped, level, index)
    else:
        column, key = {"entries": ("data", "idx"), "checkpoints": ("note", "size")}[table]
        rows = backend.sql(location, f"SELECT {key}, {column} FROM {table} ORDER BY {key}")
        row_key, value = data.draw(st.sampled_from(rows))
        raw = value.encode() if isinstance(value, str) else bytes(value)
        byte = data.draw(st.integers(0, len(raw) - 1))
        flipped = raw[:byte] + bytes([raw[byte] ^ 0x01]) + raw[byte + 1 :]
        stored: object = flipped.decode("utf-8", "replace") if isinstance(value, str) else flipped
        if stored == value:
            return
        backend.sql(location, f"UPDATE {table} SET {column} = ? WHERE {key} = ?", stored, row_key)
    assert not Ledger.open(location).verify().intact


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(2, 30), data=st.data())
def test_deleting_or_reordering_entries_is_found(backend: Backend, n: int, data: st.DataObject) -> None:
    location = backend.fresh()
    grown(location, n).close()
    a = data.draw(st.integers(0, n - 1))
    if data.draw(st.booleans()):
        backend.sql(location, "DELETE FROM entries WHERE idx = ?", a)
    else:
        b = data.draw(st.integers(0, n - 1).filter(lambda x: x != a))
        rows = dict(backend.sql(location, "SELECT idx, data FROM entries WHERE idx IN (?, ?)", a, b))
        if rows[a] == rows[b]:
            return
        backend.sql(location, "UPDATE entries SET data = ? WHERE idx = ?", rows[b], a)
        backend.sql(location, "UPDATE entries SET data = ? WHERE idx = ?", rows[a], b)
    assert not Ledger.open(location).verify().intact


def test_truncation_and_rollback_of_the_tables_are_found_against_a_saved_checkpoint(backend: Backend) -> None:
    location = backend.fresh()
    grown(location, 5).close()
    old = backend.snapshot(location)
    ledger = Ledger.open(location)
    ledger.append([event(i) for i in range(5, 9)])
    saved = ledger.checkpoint()
    ledger.close()
    # Truncated consistently, checkpoints included: only a saved checkpoint shows it.
    for table, column in (("entries", "idx"), ("checkpoints", "size")):
        backend.sql(location, f"DELETE FROM {table} WHERE {column} > 6")
    backend.sql(location, "DELETE FROM nodes WHERE (idx + 1) * (1 << level) > 6")
    truncated = Ledger.open(location)
    assert any("truncated or rolled back" in str(p) for p in truncated.verify(saved).problems)
    truncated.close()
    backend.restore(location, old)  # every table as it was at 5 entries
    rolled_back = Ledger.open(location)
    assert rolled_back.size() == 5 and rolled_back.verify().intact  # alone it looks fine ...
    assert any("truncated or rolled back" in str(p) for p in rolled_back.verify(saved).problems)


def test_restoring_an_older_copy_of_the_sqlite_file_is_found(tmp_path: Path) -> None:
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


def test_a_checkpoint_from_another_log_is_refused(backend: Backend) -> None:
    ours = grown(backend.fresh(), 3)
    theirs = grown(backend.fresh(), 3)
    problems = ours.verify(theirs.checkpoint()).problems
    assert problems and "checkpoint" in problems[0].where


def test_proofs_round_trip_through_the_cli(
    tmp_path: Path, backend: Backend, capsys: pytest.CaptureFixture[str]
) -> None:
    path = backend.fresh()
    grown(path, 21).close()
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
    tmp_path: Path, backend: Backend, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OVERSIGHT_LEDGER", backend.fresh())
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
    backend: Backend,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: str,
    message: str,
) -> None:
    path = backend.fresh()
    grown(path, 2).close()
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main(["log", "append", "--ledger", path]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]
    assert Ledger.open(path).size() == 2


def test_oversized_events_and_wrong_keys_are_clear_errors(backend: Backend) -> None:
    location = backend.fresh()
    ledger = grown(location, 1)
    ledger.max_event_bytes = 100
    with pytest.raises(LedgerError, match="exceeds the limit"):
        ledger.append([{"kind": "x", "blob": "y" * 200}])
    assert ledger.size() == 1
    other = backend.fresh()
    grown(other, 1).close()
    with pytest.raises(LedgerError, match="not this ledger's key"):
        Ledger.open(location, key_path=default_key(other))
    Path(default_key(location)).unlink()
    with pytest.raises(LedgerError, match=r"signing key .* is missing"):
        Ledger.open(location)


def test_a_corrupt_file_or_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "corrupt.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(LedgerError):
        Ledger.open(str(tmp_path / "corrupt.db")).size()
    with pytest.raises(LedgerError, match="cannot open ledger postgresql://") as caught:
        Ledger.open(f"postgresql://someone:secret@/db?host={tmp_path}")
    assert "secret" not in str(caught.value) and "\n" not in str(caught.value)


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


def test_killing_the_writer_loses_no_acknowledged_entry(backend: Backend) -> None:
    path = backend.fresh()
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
    repo = make_repo(
        {
            "slug.py": "def slugify(t):\n    return t.lower()\n",
            "tests/test_s.py": "from slug import slugify\n\ndef test_s():\n    assert slugify('A') == 'a'\n",
        }
    )
    (repo / "slug.py").write_text("import sys\n\ndef slugify(t):\n    sys.exit(0)\n")
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
    tmp_path: Path, backend: Backend, capsys: pytest.CaptureFixture[str]
) -> None:
    path = backend.fresh()
    ledger = grown(path, 9)
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
    other = grown(backend.fresh(), 9)
    assert main([*anchored, "--vkey", other.verifier.key()]) == 1  # signed by another log


APPENDER = """
import sys
from oversight.ledger import Ledger
ledger = Ledger.open(sys.argv[1])
worker = int(sys.argv[2])
for start in range(0, 300, 10):
    ledger.append([{"kind": "tick", "worker": worker, "n": n} for n in range(start, start + 10)])
"""


def test_processes_appending_directly_at_once_stay_gapless_and_never_fork(backend: Backend) -> None:
    location = backend.fresh()
    Ledger.open(location).close()  # the key exists before the writers race
    workers = [subprocess.Popen([sys.executable, "-c", APPENDER, location, str(w)]) for w in range(4)]
    ledger = Ledger.open(location)
    while any(w.poll() is None for w in workers):
        assert ledger.verify().intact  # a reader sees one consistent snapshot while the others append
    assert all(w.wait(timeout=300) == 0 for w in workers)
    seen = [(e["worker"], e["n"]) for _, e in ledger.events()]
    assert len(seen) == 1200 and set(seen) == {(w, n) for w in range(4) for n in range(300)}
    assert ledger.verify().intact
    signed = backend.sql(location, "SELECT size, note FROM checkpoints")
    assert len(signed) == 120  # one checkpoint per append, none overwritten by a racing writer
    for size, note in signed:  # every checkpoint signed along the way is a prefix of the final log
        assert Checkpoint.parse(open_note(note, [ledger.verifier])[0]).root == ledger.root(size)


KEYS = st.text(st.characters(codec="utf-8") | st.sampled_from(["\ue000", "\uffff", "\U0001f600", "a", "é"]))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(value=JSON)
@example(value={"\ue000": 1, "\U0001f600": 2})  # code-point order and RFC 8785's UTF-16 order disagree
@example(value={"n": 2**53, "s": "\u2028\x7f\x1f"})
def test_the_canonical_fast_path_is_rfc_8785_byte_for_byte(value: object) -> None:
    try:
        expected: bytes | None = bytes(rfc8785.dumps(value))
    except (ValueError, TypeError, rfc8785.CanonicalizationError):
        expected = None
    if expected is None:
        with pytest.raises(LedgerError):
            canonical(value)
    else:
        assert canonical(value) == expected
