"""The witness cosigns only a log that extends what it saw; a rollback or a fork is refused loudly."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from oversight.cli import main
from oversight.ledger import Ledger
from oversight.ledger.note import Checkpoint, open_note
from oversight.ledger.witness import WitnessRefusal, commit_checkpoint, default_ref, witness, witness_to_git


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


# --- a git ref in another repository ------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def other_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "witness-repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def test_each_witnessed_checkpoint_is_a_commit_on_the_ref(tmp_path: Path, other_repo: Path) -> None:
    ledger = Ledger.open(str(tmp_path / "l.db"))
    grow(ledger, 3)
    first = witness_to_git(ledger, other_repo, now=100)
    ref = default_ref(ledger.origin)
    assert ref.startswith("refs/oversight/witness/oversight-local-") and first.old_size is None
    grow(ledger, 4)
    second = witness_to_git(ledger, other_repo, now=200)
    assert (second.old_size, second.new_size) == (3, 7)
    head = git(other_repo, "rev-parse", ref).strip()
    assert git(other_repo, "cat-file", "blob", f"{head}:checkpoint") == second.note
    assert git(other_repo, "cat-file", "blob", f"{ref}~1:checkpoint") == first.note
    assert git(other_repo, "rev-list", "--count", ref).strip() == "2"
    assert Checkpoint.parse(open_note(second.note, [ledger.verifier])[0]).size == 7
    assert len(second.note.splitlines()) == 6  # the log's signature and the witness's cosignature
    assert (Path(git(other_repo, "rev-parse", "--absolute-git-dir").strip()) / "oversight-witness").is_dir()


def test_a_rollback_or_fork_against_the_git_ref_is_refused_and_the_ref_kept(
    tmp_path: Path, other_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = str(tmp_path / "l.db")
    ledger = Ledger.open(location)
    grow(ledger, 4)
    ledger.close()
    shutil.copy(tmp_path / "l.db", tmp_path / "old.db")
    ledger = Ledger.open(location)
    grow(ledger, 4)
    ledger.close()
    command = ["log", "witness", "--ledger", location, "--git-repo", str(other_repo), "--ref", "refs/w/log"]
    assert main(command) == 0
    before = git(other_repo, "rev-parse", "refs/w/log")
    shutil.copy(tmp_path / "old.db", tmp_path / "l.db")
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"l.db{suffix}").unlink(missing_ok=True)
    capsys.readouterr()
    assert main(command) == 1
    assert "ROLLBACK" in capsys.readouterr().err
    forged = Ledger.open(location)  # same key, different history past 4 entries: a fork at size 8
    forged.append([{"kind": "forged", "n": n} for n in range(4)])
    with pytest.raises(WitnessRefusal, match="FORK"):
        witness_to_git(forged, other_repo, "refs/w/log")
    assert git(other_repo, "rev-parse", "refs/w/log") == before


def test_a_concurrent_update_of_the_ref_is_never_lost(tmp_path: Path, other_repo: Path) -> None:
    ledger = Ledger.open(str(tmp_path / "l.db"))
    grow(ledger, 2)
    witness_to_git(ledger, other_repo, "refs/w/log")
    theirs = git(other_repo, "rev-parse", "refs/w/log").strip()
    with pytest.raises(WitnessRefusal, match="CONFLICT"):  # as if we had read the ref before it existed
        commit_checkpoint(other_repo, "refs/w/log", ledger.checkpoint(), None, 300, 2)
    assert git(other_repo, "rev-parse", "refs/w/log").strip() == theirs


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--ref", "refs/w/bad..name"], "not a valid git ref"),
        (["--ref", "heads/main"], "not a valid git ref"),
        (["--git-repo", "/nonexistent/repo"], "no repository"),
        ([], "needs --store DIR or --git-repo"),
    ],
)
def test_bad_witness_arguments_are_one_line_usage_errors(
    tmp_path: Path, other_repo: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    grow(Ledger.open(str(tmp_path / "l.db")), 1)
    command = ["log", "witness", "--ledger", str(tmp_path / "l.db")]
    if "--ref" in extra:
        command += ["--git-repo", str(other_repo)]
    assert main(command + extra) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]
