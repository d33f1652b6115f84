"""Signed notes, checkpoints and cosignatures against the Go reference's known answers and the C2SP specs.

Vectors: golang/mod sumdb/note/note_test.go (PeterNeumann, EnochRoot), transparency-dev/formats
note/note_cosigv1_test.go (cosignature keys), C2SP/C2SP signed-note.md, tlog-checkpoint.md and
tlog-cosignature.md (examples).
"""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from oversight.ledger.note import (
    ALG_COSIGNATURE_V1,
    ALG_ED25519,
    Checkpoint,
    NoteError,
    Signer,
    Verifier,
    add_signatures,
    cosign,
    cosignature_timestamp,
    expect_origin,
    generate_key,
    key_id,
    open_note,
    sign_note,
)

# golang/mod sumdb/note/note_test.go
PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
PETER_SIG = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
ENOCH_SIG = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"

# C2SP tlog-checkpoint.md / tlog-cosignature.md
SOFA_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
SPEC_COSIG = (
    "jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA=="
)

ROOT = hashlib.sha256(b"root").digest()


@pytest.fixture(scope="module")
def peter() -> Signer:
    return Signer.from_key(PETER_SKEY)


def _fresh(name: str) -> tuple[Signer, Verifier]:
    skey, vkey = generate_key(name)
    return Signer.from_key(skey), Verifier.from_key(vkey)


# --- keys -----------------------------------------------------------------------------------------------


def test_go_known_keys_parse_with_their_key_ids(peter: Signer) -> None:
    verifier = Verifier.from_key(PETER_VKEY)
    assert (verifier.name, verifier.key_id, verifier.alg) == ("PeterNeumann", 0xC74F20A3, ALG_ED25519)
    assert (peter.name, peter.key_id) == ("PeterNeumann", 0xC74F20A3)
    assert peter.verifier() == verifier
    assert verifier.key() == PETER_VKEY
    assert key_id("PeterNeumann", ALG_ED25519, verifier.public_key) == 0xC74F20A3
    assert Verifier.from_key(ENOCH_VKEY).key_id == 0xAF0CFE78


def test_mangled_go_keys_are_rejected() -> None:
    """As TestNewVerifier/TestNewSigner: every proper substring and every single-byte increment fails."""
    for key, parse in ((PETER_VKEY, Verifier.from_key), (PETER_SKEY, Signer.from_key)):
        for i in range(len(key) + 1):
            for j in range(i + 1, len(key) + 1):
                if (i, j) != (0, len(key)):
                    with pytest.raises(NoteError):
                        parse(key[i:j])
        for i in range(len(key)):
            with pytest.raises(NoteError):
                parse(key[:i] + chr(ord(key[i]) + 1) + key[i + 1 :])


@pytest.mark.parametrize(
    ("key", "why"),
    [
        # golang/mod note_test.go: wrong key length, unknown algorithm (both with adjusted key IDs)
        # (Go rejects the first for its length; its "EY==" also has non-zero unused bits, which we reject first)
        ("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==", "malformed"),
        ("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "unknown algorithm"),
        # transparency-dev/formats note_cosigv1_test.go
        ("bananas.sigstore.dev+12344556", "malformed"),
        ("rekor.sigstore.dev+12345678+THIS_IS_NOT_BASE64!", "malformed"),
        ("rekor.sigstore.dev+12345678+AwEB", "does not match"),
        ("rekor.sigstore.dev+NOT_A_NUMBER+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "malformed"),
        # wrong key ID for a good key
        ("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "does not match"),
        ("PeterNeumann+0xc74f20+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "malformed"),
    ],
)
def test_bad_verifier_keys(key: str, why: str) -> None:
    with pytest.raises(NoteError, match=why):
        Verifier.from_key(key)


def test_formats_vkeys_type_01_with_plus_in_base64_and_native_cosignature_type_04() -> None:
    plain = Verifier.from_key("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6")
    assert (plain.name, plain.key_id, plain.alg) == ("TEST", 0x7997405C, ALG_ED25519)
    cosigner = Verifier.from_key("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2")
    assert (cosigner.key_id, cosigner.alg) == (0xDA77ADE7, ALG_COSIGNATURE_V1)
    assert key_id("remora.n621.de", ALG_COSIGNATURE_V1, cosigner.public_key) == 0xDA77ADE7


def test_signer_key_with_wrong_key_id_or_algorithm_is_rejected() -> None:
    with pytest.raises(NoteError, match="does not match"):
        Signer.from_key(PETER_SKEY.replace("c74f20a3", "c74f20a4"))
    seed = base64.b64decode(PETER_SKEY.split("+", 4)[4])[1:]
    with pytest.raises(NoteError, match="unknown algorithm"):
        Signer.from_key("PRIVATE+KEY+PeterNeumann+c74f20a3+" + base64.b64encode(b"\x04" + seed).decode())


def test_generate_key_round_trip() -> None:
    skey, vkey = generate_key("example.com/log")
    key64 = r"A[Q-Za-f][A-Za-z0-9+/]{42}"  # base64(0x01 || 32 bytes)
    assert re.fullmatch(r"PRIVATE\+KEY\+example\.com/log\+[0-9a-f]{8}\+" + key64, skey)
    assert re.fullmatch(r"example\.com/log\+[0-9a-f]{8}\+" + key64, vkey)
    signer, verifier = Signer.from_key(skey), Verifier.from_key(vkey)
    assert signer.verifier() == verifier
    assert vkey.split("+")[1] == f"{signer.key_id:08x}"
    assert verifier.verify(b"hi", signer.sign(b"hi"))
    assert not verifier.verify(b"hI", signer.sign(b"hi"))
    assert signer.seed.hex() not in repr(signer) and repr(signer.seed) not in repr(signer)


@pytest.mark.parametrize("name", ["", "a b", "a+b", "a\tb", "a\u00a0b", "a\u2028b", "a\x01b"])
def test_invalid_key_names(name: str) -> None:
    with pytest.raises(NoteError, match="invalid key name"):
        generate_key(name)


# --- notes ----------------------------------------------------------------------------------------------


def test_sign_known_answer(peter: Signer) -> None:
    assert sign_note(TEXT, [peter]) == TEXT + "\n" + PETER_SIG


def test_open_known_answer() -> None:
    peter_v, enoch_v = Verifier.from_key(PETER_VKEY), Verifier.from_key(ENOCH_VKEY)
    note = TEXT + "\n" + PETER_SIG + ENOCH_SIG
    assert open_note(note, [peter_v]) == (TEXT, [peter_v])
    assert open_note(note, [enoch_v]) == (TEXT, [enoch_v])
    assert open_note(note, [enoch_v, peter_v]) == (TEXT, [peter_v, enoch_v])
    with pytest.raises(NoteError, match="no verifiable signatures"):
        open_note(note, [])


def test_round_trip_with_two_signers() -> None:
    a, av = _fresh("a.example/log")
    b, bv = _fresh("b.example/log")
    note = sign_note("hello\n\nworld\n", [a, b, a])
    assert note.count("\n— ") == 2
    assert open_note(note, [bv, av]) == ("hello\n\nworld\n", [av, bv])


def test_flipped_byte_in_text_or_signature_is_rejected(peter: Signer) -> None:
    verifier = peter.verifier()
    note = sign_note(TEXT, [peter])
    with pytest.raises(NoteError, match="invalid signature for key PeterNeumann\\+c74f20a3"):
        open_note(note.replace("cryptography", "cryptographY"), [verifier])
    raw = bytearray(base64.b64decode(PETER_SIG.split()[2]))
    raw[10] ^= 0x01
    bad = TEXT + "\n— PeterNeumann " + base64.b64encode(bytes(raw)).decode() + "\n"
    with pytest.raises(NoteError, match="invalid signature"):
        open_note(bad, [verifier])
    # golang/mod TestOpen: four extra base64 characters in a known key's signature
    with pytest.raises(NoteError, match="invalid signature for key PeterNeumann\\+c74f20a3"):
        open_note(TEXT + "\n" + PETER_SIG[:60] + "ABCD" + PETER_SIG[60:], [verifier])


def test_unknown_signers_are_ignored(peter: Signer) -> None:
    stranger, stranger_v = _fresh("stranger.example")
    note = add_signatures(sign_note(TEXT, [peter]), [stranger])
    assert open_note(note, [peter.verifier()]) == (TEXT, [peter.verifier()])
    with pytest.raises(NoteError, match="no verifiable signatures"):
        open_note(sign_note(TEXT, [stranger]), [peter.verifier()])
    # same name, different key: the key ID differs, so it is another (unknown) key
    impostor, _ = _fresh("PeterNeumann")
    with pytest.raises(NoteError, match="no verifiable signatures"):
        open_note(sign_note(TEXT, [impostor]), [peter.verifier()])
    # same key ID under another name is unknown too
    renamed = PETER_SIG.replace("PeterNeumann", "CarmenSandiego")
    with pytest.raises(NoteError, match="no verifiable signatures"):
        open_note(TEXT + "\n" + renamed, [peter.verifier()])
    assert open_note(note, [stranger_v, peter.verifier()])[1] == [peter.verifier(), stranger_v]


def test_wrong_key_id_in_signature_is_an_unknown_key(peter: Signer) -> None:
    raw = bytearray(base64.b64decode(PETER_SIG.split()[2]))
    raw[0] ^= 0xFF
    bad = TEXT + "\n— PeterNeumann " + base64.b64encode(bytes(raw)).decode() + "\n"
    with pytest.raises(NoteError, match="no verifiable signatures"):
        open_note(bad, [peter.verifier()])


@pytest.mark.parametrize(
    "note",
    [
        # golang/mod TestOpen badMsgs
        TEXT,
        TEXT + "\n",
        TEXT + "\n" + PETER_SIG[:-1],
        "\x01" + TEXT + "\n" + PETER_SIG,
        TEXT
        + "\n"
        + "— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
        # no blank line between text and signatures
        TEXT + PETER_SIG,
        # truncated base64, and base64 without its padding
        TEXT + "\n" + PETER_SIG[:-6] + "\n",
        TEXT + "\n" + PETER_SIG.replace("=\n", "\n"),
        # signature too short to hold a key ID and a signature, empty signature, hyphen instead of em dash
        TEXT + "\n— PeterNeumann AAAAAA==\n",
        TEXT + "\n— PeterNeumann \n",
        TEXT + "\n" + PETER_SIG.replace("—", "-"),
        # lone surrogate: not encodable as UTF-8
        "\ud800" + TEXT + "\n" + PETER_SIG,
        # too many signatures
        TEXT + "\n" + PETER_SIG * 101,
    ],
)
def test_malformed_notes(note: str) -> None:
    with pytest.raises(NoteError, match="malformed note"):
        open_note(note, [Verifier.from_key(PETER_VKEY)])


def test_non_canonical_base64_signature_is_malformed() -> None:
    # the last character before "=" carries two unused bits; setting them gives the same bytes
    b64 = PETER_SIG.split()[2]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = b64[-2]
    twin = alphabet[alphabet.index(last) | 0x03]
    assert twin != last and base64.b64decode(b64[:-2] + twin + "=") == base64.b64decode(b64)
    with pytest.raises(NoteError, match="malformed note"):
        open_note(TEXT + "\n— PeterNeumann " + b64[:-2] + twin + "=\n", [Verifier.from_key(PETER_VKEY)])


def test_duplicate_valid_signatures_count_once_but_a_bad_duplicate_fails() -> None:
    verifier = Verifier.from_key(PETER_VKEY)
    assert open_note(TEXT + "\n" + PETER_SIG * 2, [verifier]) == (TEXT, [verifier])
    with pytest.raises(NoteError, match="invalid signature"):
        open_note(TEXT + "\n" + PETER_SIG + PETER_SIG[:60] + "ABCD" + PETER_SIG[60:], [verifier])


def test_the_same_verifier_listed_twice_is_not_ambiguous() -> None:
    peter_v = Verifier.from_key(PETER_VKEY)
    twin = Verifier(peter_v.name, peter_v.key_id, peter_v.public_key, peter_v.alg)
    assert open_note(TEXT + "\n" + PETER_SIG, [peter_v, twin]) == (TEXT, [peter_v])


def test_sign_note_rejects_bad_text(peter: Signer) -> None:
    with pytest.raises(NoteError, match="end in a newline"):
        sign_note("abc", [peter])
    with pytest.raises(NoteError, match="control character"):
        sign_note("a\rb\n", [peter])
    with pytest.raises(NoteError, match="at least one signer"):
        sign_note(TEXT, [])


def test_add_signatures_replaces_the_same_key_and_keeps_others(peter: Signer) -> None:
    witness, witness_v = _fresh("witness.example/w1")
    bogus = (
        TEXT
        + "\n— PeterNeumann "
        + base64.b64encode(bytes.fromhex("c74f20a3") + b"\x00" * 64).decode()
        + "\n"
    )
    fixed = add_signatures(bogus, [peter])
    assert fixed == TEXT + "\n" + PETER_SIG
    both = add_signatures(fixed, [witness])
    assert both.startswith(TEXT + "\n" + PETER_SIG + "— witness.example/w1 ")
    assert open_note(both, [peter.verifier(), witness_v])[1] == [peter.verifier(), witness_v]
    with pytest.raises(NoteError, match="at least one"):
        add_signatures(fixed)


def test_signed_note_spec_example_text_with_blank_lines_survives_a_signature() -> None:
    """C2SP signed-note.md: the text may hold blank lines; the last blank line ends it."""
    example = (
        "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n\n"
        "— quasimodo.example/salvatore "
        "NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n"
    )
    signer, verifier = _fresh("me.example")
    text, signed = open_note(add_signatures(example, [signer]), [verifier])
    assert (
        text == "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n"
    )
    assert signed == [verifier]


# --- checkpoints ----------------------------------------------------------------------------------------


def test_checkpoint_spec_example_round_trips() -> None:
    cp = Checkpoint.parse(SOFA_BODY)
    assert cp.origin == "example.com/behind-the-sofa"
    assert cp.size == 20852163
    assert cp.root == base64.b64decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")
    assert cp.extensions == ()
    assert cp.body() == SOFA_BODY


def test_checkpoint_with_extensions_and_empty_tree() -> None:
    cp = Checkpoint("log", 0, ROOT, ("ext one", "ext two"))
    assert cp.body() == f"log\n0\n{base64.b64encode(ROOT).decode()}\next one\next two\n"
    assert Checkpoint.parse(cp.body()) == cp


def test_signed_checkpoint_round_trip(peter: Signer) -> None:
    cp = Checkpoint("PeterNeumann", 7, ROOT)
    text, _ = open_note(sign_note(cp.body(), [peter]), [peter.verifier()])
    assert expect_origin(Checkpoint.parse(text), "PeterNeumann") == cp


@pytest.mark.parametrize(
    ("size", "why"),
    [("-1", "size"), ("x7", "size"), ("07", "size"), ("+7", "size"), (" 7", "size"), ("7.0", "size")],
)
def test_checkpoint_bad_sizes(size: str, why: str) -> None:
    with pytest.raises(NoteError, match=why):
        Checkpoint.parse(f"log\n{size}\n{base64.b64encode(ROOT).decode()}\n")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("log\n1\n" + base64.b64encode(ROOT[:31]).decode() + "\n", "31 bytes"),
        ("log\n1\n" + base64.b64encode(ROOT + b"\x00").decode() + "\n", "33 bytes"),
        ("log\n1\n" + base64.b64encode(ROOT).decode()[:-1] + "\n", "base64"),
        ("log\n1\n" + base64.b64encode(ROOT).decode()[:-2] + "9=\n", "base64"),
        ("\n1\n" + base64.b64encode(ROOT).decode() + "\n", "blank line"),
        ("log\n1\n" + base64.b64encode(ROOT).decode() + "\n\next\n", "blank line"),
        ("log\n1\n" + base64.b64encode(ROOT).decode(), "newline"),
        ("log\n1\n", "three lines"),
        ("log\n" + str(2**64) + "\n" + base64.b64encode(ROOT).decode() + "\n", "size"),
        ("log\n\u0661\n" + base64.b64encode(ROOT).decode() + "\n", "size"),
    ],
)
def test_checkpoint_bad_bodies(text: str, why: str) -> None:
    with pytest.raises(NoteError, match=why):
        Checkpoint.parse(text)


def test_checkpoint_constructor_checks() -> None:
    with pytest.raises(NoteError, match="origin"):
        Checkpoint("", 1, ROOT)
    with pytest.raises(NoteError, match="origin"):
        Checkpoint("a\nb", 1, ROOT)
    with pytest.raises(NoteError, match="size"):
        Checkpoint("log", -1, ROOT)
    with pytest.raises(NoteError, match="size"):
        Checkpoint("log", True, ROOT)
    with pytest.raises(NoteError, match="32 bytes"):
        Checkpoint("log", 1, ROOT[:31])
    with pytest.raises(NoteError, match="extension"):
        Checkpoint("log", 1, ROOT, ("",))


def test_checkpoint_from_another_origin() -> None:
    cp = Checkpoint.parse(SOFA_BODY)
    with pytest.raises(NoteError, match=r"expected 'example\.com/other'"):
        expect_origin(cp, "example.com/other")


# --- cosignatures ---------------------------------------------------------------------------------------


def test_spec_cosignature_example_layout() -> None:
    """tlog-cosignature.md's example line holds key ID || u64 timestamp 1679315147 || 64-byte signature."""
    raw = base64.b64decode(SPEC_COSIG)
    assert len(raw) == 4 + 8 + 64
    assert int.from_bytes(raw[4:12], "big") == 1679315147


def test_cosign_matches_the_spec_message_and_layout() -> None:
    witness, _ = _fresh("witness.example.com/w1")
    cp = Checkpoint.parse(SOFA_BODY)
    line = cosign(cp, witness, 1679315147)
    assert line.startswith("— witness.example.com/w1 ") and line.endswith("\n")
    raw = base64.b64decode(line.split()[2])
    public = witness.public_key
    expected_id = hashlib.sha256(b"witness.example.com/w1\n\x04" + public).digest()[:4]
    assert raw[:4] == expected_id
    assert raw[4:12] == (1679315147).to_bytes(8, "big")
    message = b"cosignature/v1\ntime 1679315147\n" + SOFA_BODY.encode()
    Ed25519PublicKey.from_public_bytes(public).verify(raw[12:], message)  # raises if wrong


def test_witnessed_checkpoint_opens_with_log_and_cosigner_keys() -> None:
    log, log_v = _fresh("example.com/log")
    witness, _ = _fresh("witness.example/w1")
    cosigner = Verifier.from_key(witness.cosigner().key())
    assert cosigner == witness.cosigner() and cosigner.alg == ALG_COSIGNATURE_V1
    cp = Checkpoint("example.com/log", 42, ROOT)
    note = sign_note(cp.body(), [log])
    text, _ = open_note(note, [log_v])
    witnessed = add_signatures(note, lines=[cosign(Checkpoint.parse(text), witness, 1_700_000_000)])
    assert open_note(witnessed, [log_v, cosigner]) == (cp.body(), [log_v, cosigner])
    assert cosignature_timestamp(witnessed, cosigner) == 1_700_000_000
    # the witness's plain key does not accept a cosignature (different key ID: ignored)
    with pytest.raises(NoteError, match="no verifiable"):
        open_note(witnessed, [witness.verifier()])
    # a cosignature over another checkpoint does not verify
    other = cosign(Checkpoint("example.com/log", 43, ROOT), witness, 1_700_000_000)
    with pytest.raises(NoteError, match="invalid signature"):
        open_note(add_signatures(note, lines=[other]), [log_v, cosigner])
    with pytest.raises(NoteError, match="not a cosignature key"):
        cosignature_timestamp(witnessed, log_v)


def test_cosign_timestamp_range() -> None:
    witness, _ = _fresh("w")
    cp = Checkpoint("log", 1, ROOT)
    cosign(cp, witness, 0)
    cosign(cp, witness, 2**63 - 1)
    for bad in (-1, 2**63):
        with pytest.raises(NoteError, match="timestamp"):
            cosign(cp, witness, bad)
