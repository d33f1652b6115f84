"""`oversight log witness`: keep the log's latest checkpoint in a second place, cosigned, and only after a
consistency proof from the one kept before. A log that was rolled back or forked is refused loudly.

The witness's state is a directory (outside the agent's reach, like the key): its own Ed25519 key, made on
first use, and per log the last checkpoint it cosigned.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .log import Ledger, LedgerError
from .merkle import verify_consistency
from .note import Checkpoint, NoteError, Signer, add_signatures, cosign, generate_key, open_note


class WitnessRefusal(Exception):
    """The log is not an extension of what this witness saw before: a rollback or a fork."""


@dataclass(frozen=True)
class Witnessed:
    """What the witness accepted: the cosigned note and the sizes it moved between."""

    note: str
    old_size: int | None
    new_size: int


def _witness_key(folder: Path) -> Signer:
    path = folder / "witness.key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
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


def witness(ledger: Ledger, folder: Path, now: int | None = None) -> Witnessed:
    """Check the log's latest checkpoint against the last one this witness cosigned, then cosign and keep it."""
    note = ledger.checkpoint()
    try:
        text, _ = open_note(note, [ledger.verifier])
        current = Checkpoint.parse(text)
    except NoteError as exc:
        raise WitnessRefusal(f"the log's checkpoint does not verify: {exc}") from None
    signer = _witness_key(folder)
    state = folder / f"{hashlib.sha256(current.origin.encode()).hexdigest()[:16]}.checkpoint"
    old_size: int | None = None
    if state.exists():
        try:
            previous_text, _ = open_note(state.read_text(encoding="utf-8"), [ledger.verifier])
            previous = Checkpoint.parse(previous_text)
        except (OSError, NoteError) as exc:
            raise LedgerError(f"the witness's saved checkpoint {state} is unreadable: {exc}") from None
        old_size = previous.size
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
    line = cosign(current, signer, int(time.time()) if now is None else now)
    cosigned = add_signatures(note, lines=[line])
    temporary = state.with_suffix(".tmp")
    temporary.write_text(cosigned, encoding="utf-8")
    os.replace(temporary, state)
    return Witnessed(cosigned, old_size, current.size)
