"""`oversight log witness`: keep the log's latest checkpoint in a second place, cosigned, and only after a
consistency proof from the one kept before. A log that was rolled back or forked is refused loudly.

The second place is a directory (`--store DIR`: per log, the last checkpoint this witness cosigned) or a git ref
in another repository (`--git-repo PATH [--ref REF]`: each cosigned checkpoint is a commit on the ref, whose
parent is the one witnessed before, moved with a compare-and-swap so that a concurrent update is never lost).
The witness's own Ed25519 key, made on first use, lives in the store directory, or for a git ref without
--store in the repository's git directory: never where the ledger's writer or the agent can reach it.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .log import Ledger, LedgerError
from .merkle import verify_consistency
from .note import Checkpoint, NoteError, Signer, add_signatures, cosign, generate_key, open_note

ZERO_OID = "0" * 40
CHECKPOINT_FILE = "checkpoint"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "oversight witness",
    "GIT_AUTHOR_EMAIL": "witness@oversight.invalid",
    "GIT_COMMITTER_NAME": "oversight witness",
    "GIT_COMMITTER_EMAIL": "witness@oversight.invalid",
}


class WitnessRefusal(Exception):
    """The log is not an extension of what this witness saw before (a rollback or a fork), or the witness's
    record moved under it: nothing was cosigned."""


@dataclass(frozen=True)
class Witnessed:
    """What the witness accepted: the cosigned note and the sizes it moved between."""

    note: str
    old_size: int | None
    new_size: int


def _witness_key(folder: Path) -> Signer:
    path = folder / "witness.key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        skey, _ = generate_key(
            f"oversight-witness-{hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:8]}"
        )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(skey + "\n")
    try:
        return Signer.from_key(path.read_text(encoding="utf-8").strip())
    except (OSError, NoteError) as exc:
        raise LedgerError(f"cannot use the witness key {path}: {exc}") from None


def _current(ledger: Ledger) -> tuple[str, Checkpoint]:
    note = ledger.checkpoint()
    try:
        text, _ = open_note(note, [ledger.verifier])
        return note, Checkpoint.parse(text)
    except NoteError as exc:
        raise WitnessRefusal(f"the log's checkpoint does not verify: {exc}") from None


def _check_extends(ledger: Ledger, previous_note: str, current: Checkpoint, where: str) -> int:
    """The previously witnessed size, after checking that the log's current checkpoint extends it."""
    try:
        previous = Checkpoint.parse(open_note(previous_note, [ledger.verifier])[0])
    except NoteError as exc:
        raise LedgerError(f"the witness's saved checkpoint {where} is unreadable: {exc}") from None
    if previous.origin != current.origin:
        raise WitnessRefusal(f"{where} holds a checkpoint of another log ({previous.origin})")
    if previous.size > current.size:
        raise WitnessRefusal(
            f"ROLLBACK: the log now has {current.size} entries, but this witness cosigned {previous.size}"
        )
    if previous.size == current.size and previous.root != current.root:
        raise WitnessRefusal(f"FORK: two different roots for size {current.size}")
    if 0 < previous.size < current.size:
        proof = ledger.prove_consistency(previous.size, current.size)
        hashes = [bytes.fromhex(h) for h in proof["proof"]]
        if not verify_consistency(previous.size, current.size, previous.root, current.root, hashes):
            raise WitnessRefusal(
                f"FORK: the log at {current.size} is not an extension of the one at {previous.size}"
            )
    return previous.size


def witness(ledger: Ledger, folder: Path, now: int | None = None) -> Witnessed:
    """Check the log's latest checkpoint against the last one this witness cosigned, then cosign and keep it."""
    note, current = _current(ledger)
    signer = _witness_key(folder)
    state = folder / f"{hashlib.sha256(current.origin.encode()).hexdigest()[:16]}.checkpoint"
    old_size: int | None = None
    if state.exists():
        try:
            previous_note = state.read_text(encoding="utf-8")
        except OSError as exc:
            raise LedgerError(f"the witness's saved checkpoint {state} is unreadable: {exc}") from None
        old_size = _check_extends(ledger, previous_note, current, str(state))
    line = cosign(current, signer, int(time.time()) if now is None else now)
    cosigned = add_signatures(note, lines=[line])
    temporary = state.with_suffix(".tmp")
    temporary.write_text(cosigned, encoding="utf-8")
    os.replace(temporary, state)
    return Witnessed(cosigned, old_size, current.size)


# --- a git ref in another repository ----------------------------------------------------------------------


def default_ref(origin: str) -> str:
    """refs/oversight/witness/ORIGIN, with everything but letters, digits, '_' and '-' turned into '-'."""
    return "refs/oversight/witness/" + (re.sub(r"[^A-Za-z0-9_-]+", "-", origin).strip("-") or "log")


def _git(repo: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args],
            input=stdin, capture_output=True, text=True, check=False, env={**os.environ, **(env or {})},
        )  # fmt: skip
    except OSError as exc:
        raise LedgerError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise LedgerError(f"git {args[0]} in {repo} failed: {message}")
    return done.stdout


def git_dir(repo: Path) -> Path:
    """The repository's git directory (where the witness keeps its key when no --store is given)."""
    if not repo.is_dir():
        raise LedgerError(f"no repository at {repo}")
    return Path(_git(repo, "rev-parse", "--absolute-git-dir").strip())


def _ref_head(repo: Path, ref: str) -> str | None:
    done = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    return done.stdout.strip() or None if done.returncode == 0 else None


def commit_checkpoint(repo: Path, ref: str, note: str, parent: str | None, when: int, size: int) -> str:
    """Write `note` as a commit on `ref` whose parent is `parent`, moving the ref only if it still points at
    `parent` (absent when None); WitnessRefusal when it moved. The new commit's id."""
    blob = _git(repo, "hash-object", "-w", "--stdin", stdin=note).strip()
    tree = _git(repo, "mktree", stdin=f"100644 blob {blob}\t{CHECKPOINT_FILE}\n").strip()
    dates = {"GIT_AUTHOR_DATE": f"@{when} +0000", "GIT_COMMITTER_DATE": f"@{when} +0000"}
    message = f"witness: {note.splitlines()[0]} at size {size}\n"
    parents = ["-p", parent] if parent else []
    commit = _git(repo, "commit-tree", tree, *parents, "-m", message, env={**GIT_IDENTITY, **dates}).strip()
    try:
        _git(repo, "update-ref", "-m", "oversight witness", ref, commit, parent or ZERO_OID)
    except LedgerError as exc:
        raise WitnessRefusal(f"CONFLICT: {ref} moved while witnessing; nothing was written ({exc})") from None
    return commit


def witness_to_git(
    ledger: Ledger, repo: Path, ref: str | None = None, key_folder: Path | None = None, now: int | None = None
) -> Witnessed:
    """Check the log's latest checkpoint against the one at `ref` in `repo`, then cosign it and commit it there."""
    note, current = _current(ledger)
    ref = ref or default_ref(current.origin)
    if (
        not ref.startswith("refs/")
        or subprocess.run(["git", "check-ref-format", ref], capture_output=True, check=False).returncode
    ):
        raise LedgerError(f"{ref!r} is not a valid git ref name under refs/")
    signer = _witness_key(key_folder or git_dir(repo) / "oversight-witness")
    parent = _ref_head(repo, ref)
    old_size: int | None = None
    if parent is not None:
        previous_note = _git(repo, "cat-file", "blob", f"{parent}:{CHECKPOINT_FILE}")
        old_size = _check_extends(ledger, previous_note, current, f"{ref} ({parent[:12]})")
    when = int(time.time()) if now is None else now
    cosigned = add_signatures(note, lines=[cosign(current, signer, when)])
    commit_checkpoint(repo, ref, cosigned, parent, when, current.size)
    return Witnessed(cosigned, old_size, current.size)
