"""C2SP signed notes, tlog checkpoints and Ed25519 witness cosignatures, byte-compatible with Go.

Specs: https://c2sp.org/signed-note, https://c2sp.org/tlog-checkpoint, https://c2sp.org/tlog-cosignature.
Keys, notes and signature lines are encoded as golang.org/x/mod/sumdb/note encodes them (checked
against its known-answer vectors), so the Go tools and this module read each other's output.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALG_ED25519 = 0x01  # signed-note: plain Ed25519 over the note text
ALG_COSIGNATURE_V1 = 0x04  # tlog-cosignature: timestamped Ed25519 over "cosignature/v1\ntime T\n" + text
MAX_SIGNATURES = 100  # as the Go package; the spec asks for at least 16
MAX_TIMESTAMP = 2**63 - 1
MAX_TREE_SIZE = 2**64 - 1

_SIG_PREFIX = "— "  # em dash U+2014, space
_HEX8 = re.compile(r"[0-9a-fA-F]{8}")
_DECIMAL = re.compile(r"0|[1-9][0-9]*")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f]")


class NoteError(ValueError):
    """A malformed or unverifiable note, key, signature or checkpoint; the message is one line."""


# --- encoding helpers -----------------------------------------------------------------------------------


def _b64decode(text: str) -> bytes | None:
    """Strict standard base64 (padding required, canonical trailing bits), so one value has one encoding."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if base64.b64encode(raw).decode("ascii") == text else None


def _b64encode(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _has_control(text: str) -> bool:
    """True if text holds an ASCII control character other than newline (forbidden anywhere in a note)."""
    return _CONTROL.search(text) is not None


def _valid_name(name: str) -> bool:
    """Key names are non-empty, without Unicode spaces, plus signs or control characters."""
    return (
        name != ""
        and "+" not in name
        and not _has_control(name)
        and not any(ch.isspace() or unicodedata.category(ch) in ("Zs", "Zl", "Zp") for ch in name)
    )


def key_id(name: str, alg: int, public_key: bytes) -> int:
    """The 32-bit key ID: SHA-256(name || 0x0A || alg || public key)[:4], big-endian."""
    digest = hashlib.sha256(name.encode("utf-8") + b"\n" + bytes([alg]) + public_key).digest()
    return int.from_bytes(digest[:4], "big")


def _split_key(text: str, label: str) -> tuple[str, int, int, bytes]:
    """Split "<name>+<hex id>+<base64(alg || key)>" and check the ID; returns name, id, alg, key."""
    name, _, rest = text.partition("+")
    hex_id, _, key64 = rest.partition("+")
    raw = _b64decode(key64)
    if not _valid_name(name) or not _HEX8.fullmatch(hex_id) or raw is None or len(raw) < 2:
        raise NoteError(f"malformed {label} key")
    claimed = int(hex_id, 16)
    if claimed != key_id(name, raw[0], raw[1:]):
        raise NoteError(f"{label} key {name}+{hex_id}: the key ID does not match the key")
    return name, claimed, raw[0], raw[1:]


# --- keys -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verifier:
    """A known public key: Ed25519 (0x01) for notes, or Ed25519 cosignature/v1 (0x04) for witnesses."""

    name: str
    key_id: int
    public_key: bytes = field(repr=False)
    alg: int = ALG_ED25519

    def __post_init__(self) -> None:
        if not _valid_name(self.name):
            raise NoteError(f"invalid key name {self.name!r}")
        if self.alg not in (ALG_ED25519, ALG_COSIGNATURE_V1):
            raise NoteError(f"unknown key algorithm 0x{self.alg:02x} for {self.name}")
        if len(self.public_key) != 32:
            raise NoteError(f"Ed25519 public key for {self.name} must be 32 bytes")
        if self.key_id != key_id(self.name, self.alg, self.public_key):
            raise NoteError(f"key ID {self.key_id:08x} does not match the key for {self.name}")

    @classmethod
    def from_key(cls, text: str) -> Verifier:
        """Parse a verifier key "<name>+<hex id>+<base64(alg || public key)>" (alg 0x01 or 0x04)."""
        name, kid, alg, key = _split_key(text, "verifier")
        if alg not in (ALG_ED25519, ALG_COSIGNATURE_V1):
            raise NoteError(f"verifier key {name}+{kid:08x}: unknown algorithm 0x{alg:02x}")
        if len(key) != 32:
            raise NoteError(f"verifier key {name}+{kid:08x}: Ed25519 key is not 32 bytes")
        return cls(name, kid, key, alg)

    def key(self) -> str:
        """This verifier as a key string, the form `from_key` reads."""
        return f"{self.name}+{self.key_id:08x}+{_b64encode(bytes([self.alg]) + self.public_key)}"

    @cached_property
    def _ed25519(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.public_key)

    def verify(self, message: bytes, signature: bytes) -> bool:
        """Whether signature (without the 4-byte key ID) is this key's signature of the note text message.

        For a cosignature key the signature is timestamp (u64, big-endian) || Ed25519 signature over
        "cosignature/v1\\ntime <timestamp>\\n" || message, per tlog-cosignature.
        """
        if self.alg == ALG_COSIGNATURE_V1:
            if len(signature) != 8 + 64:
                return False
            timestamp = int.from_bytes(signature[:8], "big")
            if timestamp > MAX_TIMESTAMP:
                return False
            message, signature = _cosigned_message(timestamp, message), signature[8:]
        if len(signature) != 64:
            return False
        try:
            self._ed25519.verify(signature, message)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class Signer:
    """A private Ed25519 signing key (signature type 0x01) with its name and key ID."""

    name: str
    key_id: int
    seed: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if not _valid_name(self.name):
            raise NoteError(f"invalid key name {self.name!r}")
        if len(self.seed) != 32:
            raise NoteError(f"Ed25519 seed for {self.name} must be 32 bytes")
        if self.key_id != key_id(self.name, ALG_ED25519, self.public_key):
            raise NoteError(f"key ID {self.key_id:08x} does not match the key for {self.name}")

    @classmethod
    def from_key(cls, text: str) -> Signer:
        """Parse a signer key "PRIVATE+KEY+<name>+<hex id>+<base64(0x01 || seed)>"."""
        private, _, rest = text.partition("+")
        key, _, rest = rest.partition("+")
        name, _, rest = rest.partition("+")
        hex_id, _, key64 = rest.partition("+")
        raw = _b64decode(key64)
        if (
            private != "PRIVATE"
            or key != "KEY"
            or not _valid_name(name)
            or not _HEX8.fullmatch(hex_id)
            or raw is None
            or len(raw) < 2
        ):
            raise NoteError("malformed signer key")
        if raw[0] != ALG_ED25519:
            raise NoteError(f"signer key {name}+{hex_id}: unknown algorithm 0x{raw[0]:02x}")
        if len(raw) != 33:
            raise NoteError(f"signer key {name}+{hex_id}: Ed25519 seed is not 32 bytes")
        seed, kid = raw[1:], int(hex_id, 16)
        public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()
        if kid != key_id(name, ALG_ED25519, public):
            raise NoteError(f"signer key {name}+{hex_id}: the key ID does not match the key")
        return cls(name, kid, seed)

    @cached_property
    def _ed25519(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.seed)

    @cached_property
    def public_key(self) -> bytes:
        """The 32-byte Ed25519 public key."""
        return self._ed25519.public_key().public_bytes_raw()

    def sign(self, message: bytes) -> bytes:
        """The 64-byte Ed25519 signature of message."""
        return self._ed25519.sign(message)

    def verifier(self) -> Verifier:
        """The matching note verifier (type 0x01)."""
        return Verifier(self.name, self.key_id, self.public_key, ALG_ED25519)

    def cosigner(self) -> Verifier:
        """The verifier for this key's cosignatures (type 0x04: same key and name, different key ID)."""
        public = self.public_key
        return Verifier(self.name, key_id(self.name, ALG_COSIGNATURE_V1, public), public, ALG_COSIGNATURE_V1)


def generate_key(name: str) -> tuple[str, str]:
    """A fresh Ed25519 key pair as (signer key, verifier key) strings, encoded as Go's note.GenerateKey."""
    if not _valid_name(name):
        raise NoteError(f"invalid key name {name!r}: it must be non-empty, without spaces or '+'")
    private = Ed25519PrivateKey.generate()
    seed = private.private_bytes_raw()
    public = private.public_key().public_bytes_raw()
    kid = key_id(name, ALG_ED25519, public)
    skey = f"PRIVATE+KEY+{name}+{kid:08x}+{_b64encode(bytes([ALG_ED25519]) + seed)}"
    vkey = f"{name}+{kid:08x}+{_b64encode(bytes([ALG_ED25519]) + public)}"
    return skey, vkey


# --- notes ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _SigLine:
    name: str
    key_id: int
    signature: bytes  # without the key ID
    line: str  # the whole line, without its newline


def _sig_line(name: str, kid: int, signature: bytes) -> str:
    return f"{_SIG_PREFIX}{name} {_b64encode(kid.to_bytes(4, 'big') + signature)}"


def _parse_sig_line(line: str) -> _SigLine:
    if not line.startswith(_SIG_PREFIX):
        raise NoteError("malformed note: a line after the blank line is not a signature line")
    name, _, b64 = line[len(_SIG_PREFIX) :].partition(" ")
    raw = _b64decode(b64)
    if not _valid_name(name) or raw is None or len(raw) < 5:
        raise NoteError(f"malformed note: bad signature line for {name!r}")
    return _SigLine(name, int.from_bytes(raw[:4], "big"), raw[4:], line)


def _check_text(text: str) -> None:
    if not text.endswith("\n"):
        raise NoteError("malformed note: the text must end in a newline")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise NoteError("malformed note: not valid UTF-8") from None
    if _has_control(text):
        raise NoteError("malformed note: control character in the text")


def _split_note(note: str) -> tuple[str, list[_SigLine]]:
    """The text (with its final newline) and the parsed signature lines; checks syntax only."""
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:
        raise NoteError("malformed note: not valid UTF-8") from None
    if _has_control(note):
        raise NoteError("malformed note: control character")
    split = note.rfind("\n\n")
    if split < 0:
        raise NoteError("malformed note: no blank line before the signatures")
    text, block = note[: split + 1], note[split + 2 :]
    if not block.endswith("\n"):
        raise NoteError("malformed note: no signature lines, or the last one does not end in a newline")
    lines = block[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError(f"malformed note: more than {MAX_SIGNATURES} signatures")
    return text, [_parse_sig_line(line) for line in lines]


def _sign_lines(message: bytes, signers: Sequence[Signer]) -> dict[tuple[str, int], str]:
    """One signature line per distinct (name, key ID), keyed by it, in signer order."""
    lines: dict[tuple[str, int], str] = {}
    for signer in signers:
        if (signer.name, signer.key_id) not in lines:
            lines[signer.name, signer.key_id] = _sig_line(signer.name, signer.key_id, signer.sign(message))
    return lines


def sign_note(text: str, signers: Sequence[Signer]) -> str:
    """The signed note: text (ending in newline), a blank line, one Ed25519 signature line per signer."""
    _check_text(text)
    if not signers:
        raise NoteError("sign_note needs at least one signer")
    lines = _sign_lines(text.encode("utf-8"), signers)
    return text + "\n" + "".join(line + "\n" for line in lines.values())


def add_signatures(note: str, signers: Sequence[Signer] = (), lines: Sequence[str] = ()) -> str:
    """The note with new signature lines appended: one per signer and the given ready-made lines
    (e.g. from `cosign`). Existing signatures by the same name and key ID are replaced, as in Go's
    note.Sign. The existing signatures are not verified: open the note first."""
    text, existing = _split_note(note)
    new = _sign_lines(text.encode("utf-8"), signers)
    for line in lines:
        parsed = _parse_sig_line(line.removesuffix("\n"))
        new.setdefault((parsed.name, parsed.key_id), parsed.line)
    if not new:
        raise NoteError("add_signatures needs at least one signer or signature line")
    kept = [sig.line for sig in existing if (sig.name, sig.key_id) not in new]
    return text + "\n" + "".join(line + "\n" for line in [*kept, *new.values()])


def open_note(note: str, verifiers: Sequence[Verifier]) -> tuple[str, list[Verifier]]:
    """The note's text and the known verifiers whose signatures verified (in note order).

    Signatures by unknown keys (name and key ID not both matching a verifier) are ignored, as the spec
    requires; a known key's signature that fails, or no verified signature at all, raises NoteError.
    """
    text, sigs = _split_note(note)
    known: dict[tuple[str, int], set[Verifier]] = {}
    for verifier in verifiers:
        known.setdefault((verifier.name, verifier.key_id), set()).add(verifier)
    message = text.encode("utf-8")
    signed: list[Verifier] = []
    for sig in sigs:
        candidates = known.get((sig.name, sig.key_id))
        if not candidates:
            continue
        if len(candidates) > 1:
            raise NoteError(f"ambiguous key {sig.name}+{sig.key_id:08x}: several verifiers share it")
        (verifier,) = candidates
        if not verifier.verify(message, sig.signature):
            raise NoteError(f"invalid signature for key {sig.name}+{sig.key_id:08x}")
        if verifier not in signed:
            signed.append(verifier)
    if not signed:
        raise NoteError("note has no verifiable signatures (no known key signed it)")
    return text, signed


# --- checkpoints and cosignatures -----------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    """A tlog checkpoint body: origin, tree size and RFC 6962 root hash, then optional extension lines."""

    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "extensions", tuple(self.extensions))
        if not self.origin or "\n" in self.origin or _has_control(self.origin):
            raise NoteError("checkpoint origin must be a non-empty line without control characters")
        if type(self.size) is not int or not 0 <= self.size <= MAX_TREE_SIZE:
            raise NoteError(f"checkpoint size must be an integer from 0 to 2^64-1, not {self.size!r}")
        if not isinstance(self.root, bytes) or len(self.root) != 32:
            raise NoteError("checkpoint root must be 32 bytes")
        for line in self.extensions:
            if not line or "\n" in line or _has_control(line):
                raise NoteError("checkpoint extension lines must be non-empty, without control characters")

    def body(self) -> str:
        """The note text: "origin\\nsize\\nbase64(root)\\n" followed by the extension lines."""
        lines = [self.origin, str(self.size), _b64encode(self.root), *self.extensions]
        return "".join(line + "\n" for line in lines)

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        """Parse a checkpoint body strictly, so that `parse(t).body() == t`."""
        if not text.endswith("\n"):
            raise NoteError("malformed checkpoint: the text must end in a newline")
        lines = text[:-1].split("\n")
        if len(lines) < 3:
            raise NoteError("malformed checkpoint: fewer than three lines")
        if any(not line for line in lines):
            raise NoteError("malformed checkpoint: blank line")
        origin, size_text, root64, *extensions = lines
        if not _DECIMAL.fullmatch(size_text):
            raise NoteError(f"malformed checkpoint: size {size_text[:40]!r} is not a canonical decimal")
        root = _b64decode(root64)
        if root is None:
            raise NoteError("malformed checkpoint: root hash is not canonical base64")
        if len(root) != 32:
            raise NoteError(f"malformed checkpoint: root hash is {len(root)} bytes, not 32")
        return cls(origin, int(size_text), root, tuple(extensions))


def expect_origin(checkpoint: Checkpoint, origin: str) -> Checkpoint:
    """The checkpoint, if it is from the log named origin; a checkpoint from another log raises NoteError."""
    if checkpoint.origin != origin:
        raise NoteError(f"checkpoint is from {checkpoint.origin!r}, expected {origin!r}")
    return checkpoint


def _cosigned_message(timestamp: int, text: bytes) -> bytes:
    return b"cosignature/v1\ntime %d\n" % timestamp + text


def cosign(checkpoint: Checkpoint, signer: Signer, timestamp: int) -> str:
    """A tlog-cosignature v1 (Ed25519) signature line by a witness, ending in newline, for `add_signatures`.

    The key ID uses type 0x04 (see `Signer.cosigner`); the signature is u64 timestamp || Ed25519 over
    "cosignature/v1\\ntime <timestamp>\\n" + the checkpoint body, the timestamp in POSIX seconds.
    """
    if type(timestamp) is not int or not 0 <= timestamp <= MAX_TIMESTAMP:
        raise NoteError(f"cosignature timestamp must be an integer from 0 to 2^63-1, not {timestamp!r}")
    cosigner = signer.cosigner()
    body = checkpoint.body().encode("utf-8")
    signature = signer.sign(_cosigned_message(timestamp, body))
    return _sig_line(signer.name, cosigner.key_id, timestamp.to_bytes(8, "big") + signature) + "\n"


def cosignature_timestamp(note: str, cosigner: Verifier) -> int:
    """The timestamp of cosigner's verified cosignature on the note; NoteError if it has none that verifies."""
    if cosigner.alg != ALG_COSIGNATURE_V1:
        raise NoteError(f"{cosigner.name}+{cosigner.key_id:08x} is not a cosignature key")
    open_note(note, [cosigner])
    _, sigs = _split_note(note)
    for sig in sigs:
        if (sig.name, sig.key_id) == (cosigner.name, cosigner.key_id):
            return int.from_bytes(sig.signature[:8], "big")
    raise NoteError(f"no cosignature by {cosigner.name}+{cosigner.key_id:08x}")  # unreachable after open
