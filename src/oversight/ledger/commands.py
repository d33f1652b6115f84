"""What each `oversight log` command does, given parsed arguments and the standard streams.

Exit statuses: 0 success (for `verify`: intact), 1 tampered (`verify`, `verify-proof`) or refused (`witness`:
a rollback, a fork, or its record moved meanwhile), 2 usage or bad input (raised as CommandError and printed
as one line by the CLI).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from .log import Ledger, LedgerError, default_ledger
from .merkle import EMPTY_ROOT, verify_consistency, verify_inclusion


class CommandError(Exception):
    """Bad input or usage: one line, status 2."""


def run(command: str, args: dict[str, Any], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    if command == "verify-proof":
        return _verify_proof(args, stdin, stdout)
    if command == "append":
        return _append(args, stdin, stdout, stderr)
    try:
        ledger = Ledger.open(args.get("ledger") or default_ledger(), args.get("key"), create=False)
    except LedgerError as exc:
        raise CommandError(str(exc)) from None
    try:
        return HANDLERS[command](ledger, args, stdin, stdout, stderr)
    except LedgerError as exc:
        raise CommandError(str(exc)) from None
    finally:
        ledger.close()


def read_events(stdin: TextIO, kind: str | None) -> list[dict[str, Any]]:
    """One JSON object, or JSON lines; every line must be an object. Nothing is appended on any error."""
    text = stdin.read()
    if not text.strip():
        raise CommandError("no event on stdin")
    try:
        whole = json.loads(text)
        values = [whole]
    except ValueError:
        values = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                values.append(json.loads(line))
            except ValueError as exc:
                raise CommandError(f"line {number} is not JSON: {exc.args[0]}") from None
    events = []
    for value in values:
        if not isinstance(value, dict):
            raise CommandError("each event must be a JSON object")
        if kind and "kind" not in value:
            value = {"kind": kind, **value}
        events.append(value)
    return events


def _append(args: dict[str, Any], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    from .record import append_events

    events = read_events(stdin, args.get("kind"))
    try:
        indexes = append_events(events, args.get("ledger"), args.get("key"), args.get("socket"), stderr)
    except LedgerError as exc:
        raise CommandError(str(exc)) from None
    for index in indexes:
        print(index, file=stdout)
    return 0


def _checkpoint(ledger: Ledger, args: dict[str, Any], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    stdout.write(ledger.checkpoint())
    return 0


def _verify(ledger: Ledger, args: dict[str, Any], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    saved = None
    if args.get("checkpoint"):
        try:
            with open(args["checkpoint"], encoding="utf-8") as handle:
                saved = handle.read()
        except OSError as exc:
            raise CommandError(
                f"cannot read checkpoint {args['checkpoint']}: {exc.strerror or exc}"
            ) from None
    report = ledger.verify(saved)
    if report.intact:
        print(f"intact: {report.size} entries, root {report.root.hex()}", file=stdout)
        return 0
    for problem in report.problems:
        print(f"tampered: {problem}", file=stderr)
    return 1


def _prove(ledger: Ledger, args: dict[str, Any], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    if args.get("consistency"):
        old, new = args["consistency"]
        proof = ledger.prove_consistency(old, new)
    elif args.get("index") is not None:
        proof = ledger.prove_inclusion(args["index"], args.get("size"))
    else:
        raise CommandError("prove needs --index N [--size M] or --consistency M N")
    print(json.dumps(proof, indent=2), file=stdout)
    return 0


def _show(ledger: Ledger, args: dict[str, Any], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    for index, event in ledger.events():
        if any(args.get(key) and event.get(key) != args[key] for key in ("kind", "session", "agent")):
            continue
        if args.get("since") and str(event.get("time", "")) < args["since"]:
            continue
        if args.get("format") in ("json", "jsonl"):
            print(json.dumps({"index": index, **event}, sort_keys=True), file=stdout)
        else:
            fields = " ".join(
                f"{k}={event[k]}" for k in ("session", "agent", "action", "outcome") if event.get(k)
            )
            print(
                f"{index:>8}  {event.get('time', '-'):<25}  {event.get('kind', '-'):<12}  {fields}",
                file=stdout,
            )
    return 0


def _verify_proof(args: dict[str, Any], stdin: TextIO, stdout: TextIO) -> int:
    where = args.get("proof") or "-"
    try:
        text = stdin.read() if where == "-" else Path(where).read_text(encoding="utf-8")
        proof = json.loads(text)
        hashes = [bytes.fromhex(p) for p in proof["proof"]]
        if proof.get("type") == "inclusion":
            ok = verify_inclusion(
                bytes.fromhex(proof["leaf_hash"]), int(proof["index"]), int(proof["size"]), hashes,
                bytes.fromhex(proof["root"]),
            )  # fmt: skip
        elif proof.get("type") == "consistency" and int(proof["old_size"]) == 0:
            ok = not hashes and bytes.fromhex(proof["old_root"]) == EMPTY_ROOT  # the empty tree: trivially
        elif proof.get("type") == "consistency":
            ok = verify_consistency(
                int(proof["old_size"]), int(proof["new_size"]), bytes.fromhex(proof["old_root"]),
                bytes.fromhex(proof["new_root"]), hashes,
            )  # fmt: skip
        else:
            raise CommandError("a proof's type must be inclusion or consistency")
    except OSError as exc:
        raise CommandError(f"cannot read proof {where}: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise CommandError(f"not a proof printed by `oversight log prove`: {exc}") from None
    if ok and args.get("checkpoint"):
        ok = _anchored(proof, args, stdout)
    print("valid" if ok else "INVALID", file=stdout)
    return 0 if ok else 1


def _anchored(proof: dict[str, Any], args: dict[str, Any], stdout: TextIO) -> bool:
    """A proof means something only against a root the log signed: check the checkpoint's signature and that
    its size and root are the proof's (the tree size an inclusion proof names, or a consistency proof's new)."""
    from .note import Checkpoint, NoteError, Verifier, open_note

    vkey = args.get("vkey")
    if not vkey:
        try:
            ledger = Ledger.open(args.get("ledger") or default_ledger(), create=False)
        except LedgerError as exc:
            raise CommandError(f"--checkpoint needs the log's key: --vkey, or --ledger ({exc})") from None
        verifier = ledger.verifier
        ledger.close()
    else:
        try:
            verifier = Verifier.from_key(vkey)
        except NoteError as exc:
            raise CommandError(f"--vkey is not a verifier key: {exc}") from None
    try:
        note = Path(args["checkpoint"]).read_text(encoding="utf-8")
        checkpoint = Checkpoint.parse(open_note(note, [verifier])[0])
    except OSError as exc:
        raise CommandError(f"cannot read checkpoint {args['checkpoint']}: {exc.strerror or exc}") from None
    except NoteError as exc:
        print(f"the checkpoint does not verify: {exc}", file=stdout)
        return False
    size, root = (
        (int(proof["size"]), proof["root"])
        if proof["type"] == "inclusion"
        else (int(proof["new_size"]), proof["new_root"])
    )
    if checkpoint.size != size or checkpoint.root.hex() != root:
        print(
            f"the proof is for size {size}, the signed checkpoint for {checkpoint.size} (or another root)",
            file=stdout,
        )
        return False
    return True


def _witness(ledger: Ledger, args: dict[str, Any], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    from .witness import WitnessRefusal, witness, witness_to_git

    store = Path(args["store"]) if args.get("store") else None
    try:
        if args.get("git_repo"):
            done = witness_to_git(ledger, Path(args["git_repo"]), args.get("ref"), store)
        elif store is not None:
            if args.get("ref"):
                raise CommandError("--ref needs --git-repo")
            done = witness(ledger, store)
        else:
            raise CommandError("witness needs --store DIR or --git-repo PATH")
    except WitnessRefusal as exc:
        print(f"oversight: witness refused: {exc}", file=stderr)
        return 1
    stdout.write(done.note)
    return 0


HANDLERS = {
    "witness": _witness,
    "checkpoint": _checkpoint,
    "verify": _verify,
    "prove": _prove,
    "show": _show,
}
