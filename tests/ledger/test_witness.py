"""The witness cosigns only a log that extends what it saw; a rollback or a fork is refused loudly."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from oversight.cli import main
from oversight.ledger import Ledger
from oversight.ledger.note import Checkpoint, open_note
from oversight.ledger.witness import WitnessRefusal, witness


def grow(ledger: Ledger, n: int) -> None:
    ledger.append([{"kind": "tick", "n": ledger.size() + i} for i in range(n)])


def test_the_witness_cosigns_an_extending_log(tmp_path: Path) -> None:
    ledger = Ledger.open(str(tmp_path / "l.db"))
    grow(ledger, 3)
    first = witness(ledger, tmp_path / "w", now=100)
    assert first.old_size is None and first.new_size == 3
    grow(ledger, 5)
    second = witness(ledger, tmp_path / "w", now=200)
    assert (second.old_size, second.new_size) == (3, 8)
    text, _ = open_note(second.note, [ledger.verifier])
    assert Checkpoint.parse(text).size == 8 and len(second.note.splitlines()) == 6  # log line + cosignature


def test_a_rollback_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = Ledger.open(str(tmp_path / "l.db"))
    grow(ledger, 4)
    ledger.close()
    shutil.copy(tmp_path / "l.db", tmp_path / "old.db")
    ledger = Ledger.open(str(tmp_path / "l.db"))
    grow(ledger, 4)
    witness(ledger, tmp_path / "w")
    ledger.close()
    shutil.copy(tmp_path / "old.db", tmp_path / "l.db")
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"l.db{suffix}").unlink(missing_ok=True)
    assert main(["log", "witness", "--ledger", str(tmp_path / "l.db"), "--store", str(tmp_path / "w")]) == 1
    assert "ROLLBACK" in capsys.readouterr().err


def test_a_fork_is_refused(tmp_path: Path) -> None:
    ledger = Ledger.open(str(tmp_path / "l.db"))
    grow(ledger, 6)
    witness(ledger, tmp_path / "w")
    ledger.close()
    # Rewrite history with the log's own key (an operator with the key, not the agent): same size, new root.
    db = sqlite3.connect(str(tmp_path / "l.db"), isolation_level=None)
    for table in ("entries", "nodes", "checkpoints"):
        db.execute(f"DELETE FROM {table}")
    db.close()
    forged = Ledger.open(str(tmp_path / "l.db"))
    forged.append([{"kind": "tick", "n": -i} for i in range(6)])
    with pytest.raises(WitnessRefusal, match="FORK"):
        witness(forged, tmp_path / "w")
    forged.append([{"kind": "tick", "n": 99}])
    with pytest.raises(WitnessRefusal, match="FORK"):
        witness(forged, tmp_path / "w")
