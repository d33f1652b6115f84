"""RFC 6962 / RFC 9162 Merkle trees: transparency-dev/merkle's known answers and mutated probes, every proof of
every tree up to 70 leaves against a reference written from the RFC's definitions, mutations named by what they
mutate (all must fail), and the O(log n) store reads of proofs at a million leaves."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight.ledger.merkle import (
    EMPTY_ROOT,
    LEAF_PREFIX,
    NODE_PREFIX,
    MemoryTree,
    ProofError,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    range_hash,
    root,
    root_from_subtrees,
    verify_consistency,
    verify_inclusion,
)

DATA = Path(__file__).parent / "data"
KAT = json.loads((DATA / "rfc6962_vectors.json").read_text())
UPSTREAM = json.loads((DATA / "transparency_dev_testdata.json").read_text())

CLASSIC_LEAVES = [bytes.fromhex(x) for x in KAT["leaves"]]
CLASSIC = MemoryTree(CLASSIC_LEAVES)
ROOTS = [bytes.fromhex(x) for x in KAT["roots"]]
# upstream's sha256SomeHash, its "random" hash
SOME_HASH = bytes.fromhex("abacaba000000000000000000000000000000000000000000060061e00123456")


# --- a reference written straight from RFC 9162 §2.1, recursive, for small trees only -------------------------


class Reference:
    """MTH, PATH and PROOF exactly as RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 define them, with raw hashlib."""

    def __init__(self, entries: list[bytes]) -> None:
        self.leaves = [hashlib.sha256(b"\x00" + e).digest() for e in entries]
        self._mth: dict[tuple[int, int], bytes] = {}

    def mth(self, lo: int, hi: int) -> bytes:
        if (lo, hi) not in self._mth:
            n = hi - lo
            if n == 0:
                value = hashlib.sha256(b"").digest()
            elif n == 1:
                value = self.leaves[lo]
            else:
                k = 1 << ((n - 1).bit_length() - 1)
                value = hashlib.sha256(b"\x01" + self.mth(lo, lo + k) + self.mth(lo + k, hi)).digest()
            self._mth[lo, hi] = value
        return self._mth[lo, hi]

    def path(self, m: int, lo: int, hi: int) -> list[bytes]:
        n = hi - lo
        if n == 1:
            return []
        k = 1 << ((n - 1).bit_length() - 1)
        if m < k:
            return [*self.path(m, lo, lo + k), self.mth(lo + k, hi)]
        return [*self.path(m - k, lo + k, hi), self.mth(lo, lo + k)]

    def subproof(self, m: int, lo: int, hi: int, complete: bool) -> list[bytes]:
        n = hi - lo
        if m == n:
            return [] if complete else [self.mth(lo, hi)]
        k = 1 << ((n - 1).bit_length() - 1)
        if m <= k:
            return [*self.subproof(m, lo, lo + k, complete), self.mth(lo + k, hi)]
        return [*self.subproof(m - k, lo + k, hi, False), self.mth(lo, lo + k)]


ENTRIES = [str(i).encode() for i in range(70)]  # upstream's genEntries
TREE = MemoryTree(ENTRIES)
REF = Reference(ENTRIES)


def flip(value: bytes, bit: int) -> bytes:
    out = bytearray(value)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


# --- the hasher ------------------------------------------------------------------------------------------------


def test_hasher_constants_and_domain_separation() -> None:
    assert LEAF_PREFIX == b"\x00" and NODE_PREFIX == b"\x01"
    assert EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert leaf_hash(b"") == ROOTS[1]  # SHA-256(0x00)
    left, right = leaf_hash(b"l"), leaf_hash(b"r")
    assert node_hash(left, right) == hashlib.sha256(b"\x01" + left + right).digest()
    # an entry that happens to be two hashes side by side does not hash like the node over them
    assert leaf_hash(left + right) != node_hash(left, right)


# --- known answers (transparency-dev/merkle testonly/, the classic CT 8-leaf tree) ----------------------------


@pytest.mark.parametrize("size", range(9))
def test_roots_of_the_classic_tree(size: int) -> None:
    hashes = [leaf_hash(e) for e in CLASSIC_LEAVES[:size]]
    assert root(hashes) == ROOTS[size]
    assert root_from_subtrees(size, CLASSIC.get) == ROOTS[size]
    assert CLASSIC.root(size) == ROOTS[size]
    assert MemoryTree(CLASSIC_LEAVES[:size]).root() == ROOTS[size]


def test_perfect_subtree_hashes_of_the_classic_tree() -> None:
    for level, row in enumerate(KAT["node_hashes"]):
        for index, expected in enumerate(row):
            assert CLASSIC.get(level, index).hex() == expected


@pytest.mark.parametrize("case", KAT["inclusion"], ids=lambda c: f"{c['index']}-of-{c['size']}")
def test_inclusion_proofs_of_the_classic_tree(case: dict[str, Any]) -> None:
    index, size = case["index"], case["size"]
    proof = CLASSIC.inclusion_proof(index, size)
    assert [p.hex() for p in proof] == case["proof"]
    assert verify_inclusion(CLASSIC.get(0, index), index, size, proof, ROOTS[size])


@pytest.mark.parametrize("case", KAT["consistency"], ids=lambda c: f"{c['old_size']}-to-{c['new_size']}")
def test_consistency_proofs_of_the_classic_tree(case: dict[str, Any]) -> None:
    old, new = case["old_size"], case["new_size"]
    proof = CLASSIC.consistency_proof(old, new)
    assert [p.hex() for p in proof] == case["proof"]
    assert verify_consistency(old, new, ROOTS[old], ROOTS[new], proof)


def test_subtree_vectors_of_draft_ietf_plants_merkle_tree_certs() -> None:
    """Every subtree hash and every inclusion proof inside a subtree of a 130-leaf tree, as one rolling digest."""
    vectors = KAT["subtree_digests"]
    tree = MemoryTree(bytes([i]) for i in range(vectors["leaves"]))
    hashes, proofs = hashlib.sha256(), hashlib.sha256()
    for end in range(1, vectors["leaves"] + 1):
        for start in range(end):
            if start % (1 << (end - start - 1).bit_length()):  # not a multiple of bit_ceil(end - start)
                continue
            hashes.update(f"[{start}, {end}) {range_hash(start, end, tree.get).hex()}\n".encode())
            inside = shifted(tree.get, start)
            for index in range(start, end):
                proof = inclusion_proof(index - start, end - start, inside)
                proofs.update(f"{index} [{start}, {end}){''.join(' ' + p.hex() for p in proof)}\n".encode())
    assert hashes.hexdigest() == vectors["subtree_hash"]
    assert proofs.hexdigest() == vectors["subtree_inclusion_proof"]


def shifted(get: Callable[[int, int], bytes], start: int) -> Callable[[int, int], bytes]:
    """The subtree store of the tree whose leaf 0 is leaf `start` of the given one (start suitably aligned)."""
    return lambda level, index: get(level, index + (start >> level))


# --- transparency-dev/merkle testdata/ probes --------------------------------------------------------------------

# Upstream accepts any equal roots for equal sizes, even the 12-byte placeholder "don't care 1"; we refuse a root that
# is not a 32-byte hash (and, at size 0, anything but EMPTY_ROOT). Both cases pass with real roots, below.
STRICTER_THAN_UPSTREAM = {
    "testdata/consistency/additional/sizes-are-equal-one-and-proof-is-empty.json",
    "testdata/consistency/additional/sizes-are-equal-zero-and-proof-is-empty.json",
}


def b64(value: str) -> bytes:
    return base64.b64decode(value)


def inclusion_args(probe: dict[str, Any]) -> tuple[bytes, int, int, list[bytes], bytes]:
    index = probe["leafIdx"] if "leafIdx" in probe else probe["leafIndex"]
    proof = [b64(p) for p in probe["proof"] or []]
    return b64(probe["leafHash"]), index, probe["treeSize"], proof, b64(probe["root"])


def consistency_args(probe: dict[str, Any]) -> tuple[int, int, bytes, bytes, list[bytes]]:
    proof = [b64(p) for p in probe["proof"] or []]
    return probe["size1"], probe["size2"], b64(probe["root1"]), b64(probe["root2"]), proof


@pytest.mark.parametrize("path", sorted(UPSTREAM["inclusion"]))
def test_upstream_inclusion_probe(path: str) -> None:
    probe = UPSTREAM["inclusion"][path]
    assert verify_inclusion(*inclusion_args(probe)) is (not probe["wantErr"])


@pytest.mark.parametrize("path", sorted(UPSTREAM["consistency"]))
def test_upstream_consistency_probe(path: str) -> None:
    probe = UPSTREAM["consistency"][path]
    expected = not probe["wantErr"] and path not in STRICTER_THAN_UPSTREAM
    assert verify_consistency(*consistency_args(probe)) is expected


def test_equal_sizes_with_real_roots_verify() -> None:
    assert verify_consistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])
    assert verify_consistency(1, 1, ROOTS[1], ROOTS[1], [])
    assert not verify_consistency(0, 0, ROOTS[1], ROOTS[1], [])  # no tree of size 0 has that root


def happy_paths(kind: str) -> list[str]:
    return sorted(
        p
        for p, probe in UPSTREAM[kind].items()
        if probe["desc"] == "happy path" and p.split("/")[2].isdigit()
    )


@pytest.mark.parametrize("path", happy_paths("inclusion"))
def test_our_inclusion_proofs_equal_upstream_happy_paths(path: str) -> None:
    leaf, index, size, proof, expected_root = inclusion_args(UPSTREAM["inclusion"][path])
    assert CLASSIC.inclusion_proof(index, size) == proof
    assert CLASSIC.get(0, index) == leaf and CLASSIC.root(size) == expected_root


@pytest.mark.parametrize("path", happy_paths("consistency"))
def test_our_consistency_proofs_equal_upstream_happy_paths(path: str) -> None:
    old, new, old_root, new_root, proof = consistency_args(UPSTREAM["consistency"][path])
    assert CLASSIC.consistency_proof(old, new) == proof
    assert (CLASSIC.root(old), CLASSIC.root(new)) == (old_root, new_root)


def upstream_inclusion_mutations(
    leaf: bytes, index: int, size: int, proof: list[bytes], root_: bytes
) -> Iterator[tuple[str, tuple[bytes, int, int, list[bytes], bytes]]]:
    """transparency-dev/merkle's corruptInclusionProof, probe for probe and named as its files are."""
    yield "leafIdx - 1", (leaf, index - 1 if index else 2**64 - 1, size, proof, root_)
    yield "leafIdx + 1", (leaf, index + 1, size, proof, root_)
    yield "leafIdx ^ 2", (leaf, index ^ 2, size, proof, root_)
    yield "treeSize * 2", (leaf, index, size * 2, proof, root_)
    yield "treeSize div 2", (leaf, index, size // 2, proof, root_)
    yield "wrong leaf", (b"WrongLeaf", index, size, proof, root_)
    yield "empty root", (leaf, index, size, proof, EMPTY_ROOT)
    yield "random root", (leaf, index, size, proof, SOME_HASH)
    yield "trailing garbage", (leaf, index, size, [*proof, b""], root_)
    yield "trailing root", (leaf, index, size, [*proof, root_], root_)
    yield "preceding garbage", (leaf, index, size, [b"", *proof], root_)
    yield "preceding root", (leaf, index, size, [root_, *proof], root_)
    for i in range(len(proof)):
        yield (
            f"modified proof[{i}] bit 3",
            (leaf, index, size, [*proof[:i], flip(proof[i], 3), *proof[i + 1 :]], root_),
        )
    if proof:
        yield "removed component", (leaf, index, size, proof[:-1], root_)
    if len(proof) > 1:
        yield "inserted component", (leaf, index, size, [proof[0], SOME_HASH, *proof[1:]], root_)


def upstream_consistency_mutations(
    old: int, new: int, old_root: bytes, new_root: bytes, proof: list[bytes]
) -> Iterator[tuple[str, tuple[int, int, bytes, bytes, list[bytes]]]]:
    """transparency-dev/merkle's corruptConsistencyProof, probe for probe and named as its files are."""
    yield "size1 - 1", (old - 1, new, old_root, new_root, proof)
    yield "size1 + 1", (old + 1, new, old_root, new_root, proof)
    yield "size1 ^ 2", (old ^ 2, new, old_root, new_root, proof)
    yield "size2 * 2", (old, new * 2, old_root, new_root, proof)
    yield "size2 div 2", (old, new // 2, old_root, new_root, proof)
    yield "wrong root1", (old, new, b"WrongRoot", new_root, proof)
    yield "wrong root2", (old, new, old_root, b"WrongRoot", proof)
    yield "swapped roots", (old, new, new_root, old_root, proof)
    yield "empty proof", (old, new, old_root, new_root, [])
    yield "trailing garbage", (old, new, old_root, new_root, [*proof, b""])
    yield "trailing root1", (old, new, old_root, new_root, [*proof, old_root])
    yield "trailing root2", (old, new, old_root, new_root, [*proof, new_root])
    yield "preceding garbage", (old, new, old_root, new_root, [b"", *proof])
    yield "preceding root1", (old, new, old_root, new_root, [old_root, *proof])
    yield "preceding root2", (old, new, old_root, new_root, [new_root, *proof])
    yield "preceding proof[0]", (old, new, old_root, new_root, [proof[0], *proof])
    yield "truncated proof", (old, new, old_root, new_root, proof[:-1])
    for i in range(len(proof)):
        yield (
            f"modified proof[{i}] bit 4",
            (old, new, old_root, new_root, [*proof[:i], flip(proof[i], 4), *proof[i + 1 :]]),
        )


@pytest.mark.parametrize("path", happy_paths("inclusion"))
def test_upstream_inclusion_mutations_of_every_happy_path(path: str) -> None:
    args = inclusion_args(UPSTREAM["inclusion"][path])
    verified = [name for name, probe in upstream_inclusion_mutations(*args) if verify_inclusion(*probe)]
    assert verified == []


@pytest.mark.parametrize(
    "path", [p for p in happy_paths("consistency") if UPSTREAM["consistency"][p]["proof"]]
)
def test_upstream_consistency_mutations_of_every_happy_path(path: str) -> None:
    args = consistency_args(UPSTREAM["consistency"][path])
    verified = [name for name, probe in upstream_consistency_mutations(*args) if verify_consistency(*probe)]
    assert verified == []


def test_the_copied_mutation_files_are_what_the_rules_make() -> None:
    """The folder copied in full (inclusion/1, consistency/1) holds exactly what the mutation rules above produce."""
    made = dict(
        upstream_inclusion_mutations(
            *inclusion_args(UPSTREAM["inclusion"]["testdata/inclusion/1/happy-path.json"])
        )
    )
    for path, probe in UPSTREAM["inclusion"].items():
        if path.startswith("testdata/inclusion/1/") and probe["wantErr"]:
            assert inclusion_args(probe) == made[probe["desc"]], path
    made_c = dict(
        upstream_consistency_mutations(
            *consistency_args(UPSTREAM["consistency"]["testdata/consistency/1/happy-path.json"])
        )
    )
    for path, probe in UPSTREAM["consistency"].items():
        if path.startswith("testdata/consistency/1/") and probe["wantErr"]:
            assert consistency_args(probe) == made_c[probe["desc"]], path


# --- every tree up to 70 leaves, against the reference -----------------------------------------------------------


def test_roots_of_every_size_up_to_70() -> None:
    for size in range(71):
        expected = REF.mth(0, size)
        assert root(REF.leaves[:size]) == expected
        assert root_from_subtrees(size, TREE.get) == expected
        assert TREE.root(size) == expected


def test_range_hash_of_every_range_up_to_70() -> None:
    for end in range(71):
        for start in range(end + 1):
            width = end - start
            if width and start % (1 << (width.bit_length() - 1)):
                with pytest.raises(ProofError):
                    range_hash(start, end, TREE.get)
            else:
                assert range_hash(start, end, TREE.get) == REF.mth(start, end), (start, end)


def test_every_inclusion_proof_up_to_70_verifies() -> None:
    for size in range(1, 71):
        tree_root = TREE.root(size)
        for index in range(size):
            proof = TREE.inclusion_proof(index, size)
            assert proof == REF.path(index, 0, size), (index, size)
            assert verify_inclusion(TREE.get(0, index), index, size, proof, tree_root)


def test_every_consistency_proof_up_to_70_verifies() -> None:
    for new in range(1, 71):
        for old in range(1, new + 1):
            proof = TREE.consistency_proof(old, new)
            assert proof == REF.subproof(old, 0, new, True), (old, new)
            assert verify_consistency(old, new, TREE.root(old), TREE.root(new), proof)


def test_memory_tree_keeps_every_perfect_subtree() -> None:
    tree = MemoryTree()
    assert tree.size == 0 and tree.root() == EMPTY_ROOT
    assert [tree.append(e) for e in ENTRIES] == list(range(70))
    for level in range(7):
        for index in range(70 >> level):
            expected = REF.mth(index << level, (index + 1) << level)
            assert tree.get(level, index) == expected
            if level:
                assert expected == node_hash(
                    tree.get(level - 1, 2 * index), tree.get(level - 1, 2 * index + 1)
                )
    with pytest.raises(IndexError):
        tree.get(0, 70)
    with pytest.raises(IndexError):
        tree.get(0, -1)  # never Python's last element
    with pytest.raises(IndexError):
        tree.get(7, 0)


# --- mutations, named by what they mutate: all must fail ---------------------------------------------------------

MUTATED_UP_TO = 40


def inclusion_cases() -> Iterator[tuple[bytes, int, int, list[bytes], bytes]]:
    for size in range(1, MUTATED_UP_TO + 1):
        for index in range(size):
            yield TREE.get(0, index), index, size, TREE.inclusion_proof(index, size), TREE.root(size)


def consistency_cases() -> Iterator[tuple[int, int, bytes, bytes, list[bytes]]]:
    for new in range(2, MUTATED_UP_TO + 1):
        for old in range(1, new):
            yield old, new, TREE.root(old), TREE.root(new), TREE.consistency_proof(old, new)


def test_inclusion_fails_with_a_flipped_bit_in_any_proof_element() -> None:
    for leaf, index, size, proof, tree_root in inclusion_cases():
        for i in range(len(proof)):
            for bit in (0, 3, 100, 255):
                bad = [*proof[:i], flip(proof[i], bit), *proof[i + 1 :]]
                assert not verify_inclusion(leaf, index, size, bad, tree_root), (index, size, i, bit)


def test_inclusion_fails_with_a_flipped_bit_in_the_leaf_or_the_root() -> None:
    for leaf, index, size, proof, tree_root in inclusion_cases():
        assert not verify_inclusion(flip(leaf, 7), index, size, proof, tree_root)
        assert not verify_inclusion(leaf, index, size, proof, flip(tree_root, 200))


def test_inclusion_fails_at_any_wrong_index() -> None:
    for leaf, index, size, proof, tree_root in inclusion_cases():
        for wrong in [*range(size), -1, size, 2**64 - 1]:
            if wrong != index:
                assert not verify_inclusion(leaf, wrong, size, proof, tree_root), (index, wrong, size)


def test_inclusion_fails_at_a_wrong_size() -> None:
    """Sizes that change the tree's height (upstream's treeSize * 2 and div 2), or leave the index outside."""
    for leaf, index, size, proof, tree_root in inclusion_cases():
        for wrong in (size * 2, size // 2, index, 0, -size):
            assert not verify_inclusion(leaf, index, wrong, proof, tree_root), (index, size, wrong)


def test_rfc9162_proofs_bind_the_root_not_the_size() -> None:
    """A size whose path has the same shape verifies the same proof: 0 of 3 and 0 of 4 are both [d1, X].

    So a verifier must take (size, root) together from one signed checkpoint, never the size from elsewhere.
    """
    proof = TREE.inclusion_proof(0, 3)
    assert verify_inclusion(TREE.get(0, 0), 0, 4, proof, TREE.root(3))
    assert not verify_inclusion(TREE.get(0, 0), 0, 4, proof, TREE.root(4))
    assert verify_consistency(6, 7, TREE.root(6), TREE.root(8), TREE.consistency_proof(6, 8))


def test_inclusion_fails_with_a_truncated_proof() -> None:
    for leaf, index, size, proof, tree_root in inclusion_cases():
        if proof:
            assert not verify_inclusion(leaf, index, size, proof[:-1], tree_root)
            assert not verify_inclusion(leaf, index, size, proof[1:], tree_root)


def test_inclusion_fails_with_an_extended_proof() -> None:
    for leaf, index, size, proof, tree_root in inclusion_cases():
        for extra in (tree_root, leaf, EMPTY_ROOT, SOME_HASH, *proof[:1]):
            assert not verify_inclusion(leaf, index, size, [*proof, extra], tree_root)
            assert not verify_inclusion(leaf, index, size, [extra, *proof], tree_root)
            middle = len(proof) // 2
            assert not verify_inclusion(
                leaf, index, size, [*proof[:middle], extra, *proof[middle:]], tree_root
            )


def test_inclusion_fails_with_swapped_elements() -> None:
    for leaf, index, size, proof, tree_root in inclusion_cases():
        for i in range(len(proof)):
            for j in range(i + 1, len(proof)):
                if proof[i] != proof[j]:
                    bad = list(proof)
                    bad[i], bad[j] = bad[j], bad[i]
                    assert not verify_inclusion(leaf, index, size, bad, tree_root), (index, size, i, j)


def test_consistency_fails_with_a_flipped_bit_in_any_proof_element() -> None:
    for old, new, old_root, new_root, proof in consistency_cases():
        for i in range(len(proof)):
            for bit in (0, 4, 100, 255):
                bad = [*proof[:i], flip(proof[i], bit), *proof[i + 1 :]]
                assert not verify_consistency(old, new, old_root, new_root, bad), (old, new, i, bit)


def test_consistency_fails_with_a_flipped_bit_in_either_root() -> None:
    for old, new, old_root, new_root, proof in consistency_cases():
        assert not verify_consistency(old, new, flip(old_root, 9), new_root, proof)
        assert not verify_consistency(old, new, old_root, flip(new_root, 9), proof)


def test_consistency_fails_with_swapped_roots() -> None:
    for old, new, old_root, new_root, proof in consistency_cases():
        assert not verify_consistency(old, new, new_root, old_root, proof)


def test_consistency_fails_at_a_wrong_old_size() -> None:
    for old, new, old_root, new_root, proof in consistency_cases():
        for wrong in (old - 1, old + 1, old ^ 2, old * 2, 0, new + 1, -old):
            if wrong != old:
                assert not verify_consistency(wrong, new, old_root, new_root, proof), (old, new, wrong)


def test_consistency_fails_at_a_wrong_new_size() -> None:
    """Sizes that change the new tree's height (upstream's size2 * 2 and div 2), or fall below the old size."""
    for old, new, old_root, new_root, proof in consistency_cases():
        for wrong in (new * 2, new // 2, old, old - 1, -new):
            if wrong != new:
                assert not verify_consistency(old, wrong, old_root, new_root, proof), (old, new, wrong)


def test_consistency_fails_with_a_truncated_proof() -> None:
    for old, new, old_root, new_root, proof in consistency_cases():
        assert not verify_consistency(old, new, old_root, new_root, proof[:-1])
        assert not verify_consistency(old, new, old_root, new_root, proof[1:])
        assert not verify_consistency(old, new, old_root, new_root, [])


def test_consistency_fails_with_an_extended_proof() -> None:
    for old, new, old_root, new_root, proof in consistency_cases():
        for extra in (old_root, new_root, EMPTY_ROOT, SOME_HASH, proof[0], proof[-1]):
            assert not verify_consistency(old, new, old_root, new_root, [*proof, extra])
            assert not verify_consistency(old, new, old_root, new_root, [extra, *proof])


def test_consistency_fails_with_swapped_elements() -> None:
    for old, new, old_root, new_root, proof in consistency_cases():
        for i in range(len(proof)):
            for j in range(i + 1, len(proof)):
                if proof[i] != proof[j]:
                    bad = list(proof)
                    bad[i], bad[j] = bad[j], bad[i]
                    assert not verify_consistency(old, new, old_root, new_root, bad), (old, new, i, j)


def test_consistency_of_equal_sizes_needs_an_empty_proof_and_equal_roots() -> None:
    for size in range(1, 20):
        tree_root = TREE.root(size)
        assert TREE.consistency_proof(size, size) == []
        assert verify_consistency(size, size, tree_root, tree_root, [])
        assert not verify_consistency(size, size, tree_root, tree_root, [tree_root])
        assert not verify_consistency(size, size, tree_root, TREE.root(size + 1), [])


# --- malformed input: verifiers return False, builders raise ProofError --------------------------------------------

GOOD_LEAF, GOOD_PROOF, GOOD_ROOT = TREE.get(0, 5), TREE.inclusion_proof(5, 13), TREE.root(13)
OLD_ROOT, NEW_ROOT, GOOD_CONSISTENCY = TREE.root(6), TREE.root(13), TREE.consistency_proof(6, 13)


@pytest.mark.parametrize(
    "args",
    [
        (GOOD_LEAF[:31], 5, 13, GOOD_PROOF, GOOD_ROOT),
        (GOOD_LEAF + b"\x00", 5, 13, GOOD_PROOF, GOOD_ROOT),
        (GOOD_LEAF, 5, 13, GOOD_PROOF, GOOD_ROOT[:16]),
        (GOOD_LEAF, 5, 13, [*GOOD_PROOF[:-1], GOOD_PROOF[-1][:31]], GOOD_ROOT),
        (GOOD_LEAF, 5, 13, None, GOOD_ROOT),
        (GOOD_LEAF, 5, 13, b"".join(GOOD_PROOF), GOOD_ROOT),
        (GOOD_LEAF, 5, 13, [p.hex() for p in GOOD_PROOF], GOOD_ROOT),
        (GOOD_LEAF, 5, 13, [1, 2, 3, 4], GOOD_ROOT),
        (GOOD_LEAF, 5.0, 13, GOOD_PROOF, GOOD_ROOT),
        (GOOD_LEAF, 5, "13", GOOD_PROOF, GOOD_ROOT),
        (GOOD_LEAF, True, 13, GOOD_PROOF, GOOD_ROOT),
        (None, 5, 13, GOOD_PROOF, GOOD_ROOT),
        (GOOD_LEAF, 5, 13, GOOD_PROOF, None),
        (GOOD_LEAF, 2**200, 2**201, GOOD_PROOF, GOOD_ROOT),
    ],
)
def test_verify_inclusion_returns_false_for_malformed_input(args: tuple[Any, ...]) -> None:
    assert verify_inclusion(GOOD_LEAF, 5, 13, GOOD_PROOF, GOOD_ROOT)
    assert verify_inclusion(*args) is False


@pytest.mark.parametrize(
    "args",
    [
        (6, 13, OLD_ROOT[:31], NEW_ROOT, GOOD_CONSISTENCY),
        (6, 13, OLD_ROOT, NEW_ROOT + b"\x00", GOOD_CONSISTENCY),
        (6, 13, OLD_ROOT, NEW_ROOT, [*GOOD_CONSISTENCY, b""]),
        (6, 13, OLD_ROOT, NEW_ROOT, None),
        (6, 13, OLD_ROOT, NEW_ROOT, b"".join(GOOD_CONSISTENCY)),
        (6, 13, OLD_ROOT, NEW_ROOT, [p.hex() for p in GOOD_CONSISTENCY]),
        (6.0, 13, OLD_ROOT, NEW_ROOT, GOOD_CONSISTENCY),
        (6, None, OLD_ROOT, NEW_ROOT, GOOD_CONSISTENCY),
        (13, 6, NEW_ROOT, OLD_ROOT, GOOD_CONSISTENCY),
        (-6, 13, OLD_ROOT, NEW_ROOT, GOOD_CONSISTENCY),
        (0, 13, EMPTY_ROOT, NEW_ROOT, []),
        (2**200, 2**201, OLD_ROOT, NEW_ROOT, GOOD_CONSISTENCY),
    ],
)
def test_verify_consistency_returns_false_for_malformed_input(args: tuple[Any, ...]) -> None:
    assert verify_consistency(6, 13, OLD_ROOT, NEW_ROOT, GOOD_CONSISTENCY)
    assert verify_consistency(*args) is False


@pytest.mark.parametrize(
    ("build", "args"),
    [
        (inclusion_proof, (-1, 5)),
        (inclusion_proof, (5, 5)),
        (inclusion_proof, (0, 0)),
        (consistency_proof, (6, 5)),
        (consistency_proof, (0, 5)),
        (consistency_proof, (0, 0)),
        (consistency_proof, (-1, 3)),
        (range_hash, (3, 2)),
        (range_hash, (-1, 2)),
        (range_hash, (1, 4)),  # leaves 1..3 are no subtree: MTH splits them [1, 3) + [3, 4), not at a node
        (root_from_subtrees, (-1,)),
    ],
)
def test_proof_builders_refuse_impossible_arguments(
    build: Callable[..., object], args: tuple[int, ...]
) -> None:
    with pytest.raises(ProofError):
        build(*args, TREE.get)


def test_memory_tree_refuses_sizes_it_does_not_have() -> None:
    with pytest.raises(ProofError):
        TREE.inclusion_proof(0, 71)
    with pytest.raises(ProofError):
        TREE.consistency_proof(3, 71)
    with pytest.raises(ProofError):
        TREE.root(-1)
    assert issubclass(ProofError, ValueError)


# --- O(log n) reads of the store at a million leaves ---------------------------------------------------------------


class CountingGet:
    """A synthetic store of `size` leaves: deterministic fake hashes, and a count of reads; it fails on any read
    of a node that a tree of `size` leaves does not have."""

    def __init__(self, size: int) -> None:
        self.size, self.calls = size, 0

    def __call__(self, level: int, index: int) -> bytes:
        assert level >= 0 and index >= 0 and (index + 1) << level <= self.size, (level, index, self.size)
        self.calls += 1
        return hashlib.sha256(f"{level}/{index}".encode()).digest()


BIG_SIZES = [10**6, 2**20, 2**20 - 1, 2**20 + 1, 10**6 + 7]


def sample(size: int) -> list[int]:
    rng = random.Random(size)
    return [0, 1, 2, size // 2, size - 2, size - 1, *(rng.randrange(size) for _ in range(200))]


@pytest.mark.parametrize("size", BIG_SIZES)
def test_inclusion_proofs_read_the_store_O_log_n_times(size: int) -> None:
    bound = 2 * math.ceil(math.log2(size)) + 2
    for index in sample(size):
        get = CountingGet(size)
        proof = inclusion_proof(index, size, get)
        assert len(proof) <= math.ceil(math.log2(size))
        assert get.calls <= bound, (index, size, get.calls)


@pytest.mark.parametrize("size", BIG_SIZES)
def test_consistency_proofs_read_the_store_O_log_n_times(size: int) -> None:
    bound = 2 * math.ceil(math.log2(size)) + 2
    for old in [o for o in sample(size) if o > 0] + [size]:
        get = CountingGet(size)
        proof = consistency_proof(old, size, get)
        assert len(proof) <= math.ceil(math.log2(size)) + 1
        assert get.calls <= bound, (old, size, get.calls)


@pytest.mark.parametrize("size", BIG_SIZES)
def test_roots_read_one_subtree_per_set_bit(size: int) -> None:
    get = CountingGet(size)
    root_from_subtrees(size, get)
    assert get.calls == bin(size).count("1")


def test_proofs_of_a_real_tree_of_5000_leaves() -> None:
    tree = MemoryTree(i.to_bytes(4, "big") for i in range(5000))
    rng = random.Random(5000)
    for _ in range(300):
        size = rng.randrange(1, 5001)
        index, old = rng.randrange(size), rng.randrange(1, size + 1)
        tree_root = tree.root(size)
        assert verify_inclusion(tree.get(0, index), index, size, tree.inclusion_proof(index, size), tree_root)
        assert verify_consistency(old, size, tree.root(old), tree_root, tree.consistency_proof(old, size))


# --- properties (hypothesis) -----------------------------------------------------------------------------------------

PROPERTY_TREE = MemoryTree(i.to_bytes(4, "big") for i in range(1500))
PROPERTY_LEAVES = [PROPERTY_TREE.get(0, i) for i in range(1500)]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_property_inclusion_proofs_verify_and_any_bit_flip_fails(data: st.DataObject) -> None:
    size = data.draw(st.integers(1, 1500))
    index = data.draw(st.integers(0, size - 1))
    tree_root = root(PROPERTY_LEAVES[:size])
    assert tree_root == PROPERTY_TREE.root(size)
    proof = PROPERTY_TREE.inclusion_proof(index, size)
    assert verify_inclusion(PROPERTY_LEAVES[index], index, size, proof, tree_root)
    if proof:
        i = data.draw(st.integers(0, len(proof) - 1))
        bit = data.draw(st.integers(0, 255))
        bad = [*proof[:i], flip(proof[i], bit), *proof[i + 1 :]]
        assert not verify_inclusion(PROPERTY_LEAVES[index], index, size, bad, tree_root)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_property_consistency_proofs_verify_and_any_bit_flip_fails(data: st.DataObject) -> None:
    new = data.draw(st.integers(1, 1500))
    old = data.draw(st.integers(1, new))
    old_root, new_root = root(PROPERTY_LEAVES[:old]), root(PROPERTY_LEAVES[:new])
    proof = PROPERTY_TREE.consistency_proof(old, new)
    assert verify_consistency(old, new, old_root, new_root, proof)
    if proof:
        i = data.draw(st.integers(0, len(proof) - 1))
        bit = data.draw(st.integers(0, 255))
        bad = [*proof[:i], flip(proof[i], bit), *proof[i + 1 :]]
        assert not verify_consistency(old, new, old_root, new_root, bad)


hashes_or_junk = st.one_of(
    st.binary(min_size=32, max_size=32), st.binary(max_size=40), st.none(), st.integers()
)
sizes_or_junk = st.one_of(st.integers(-3, 2**70), st.floats(), st.text(max_size=3), st.none())


@settings(max_examples=500, deadline=None)
@given(hashes_or_junk, sizes_or_junk, sizes_or_junk, st.lists(hashes_or_junk, max_size=12), hashes_or_junk)
def test_property_verify_inclusion_never_raises(
    leaf: Any, index: Any, size: Any, proof: Any, tree_root: Any
) -> None:
    assert verify_inclusion(leaf, index, size, proof, tree_root) in (True, False)


@settings(max_examples=500, deadline=None)
@given(sizes_or_junk, sizes_or_junk, hashes_or_junk, hashes_or_junk, st.lists(hashes_or_junk, max_size=12))
def test_property_verify_consistency_never_raises(
    old: Any, new: Any, old_root: Any, new_root: Any, proof: Any
) -> None:
    assert verify_consistency(old, new, old_root, new_root, proof) in (True, False)
