"""RFC 6962 / RFC 9162 Merkle trees: hashing, inclusion and consistency proofs, and their verification.

A log of n entries is the Merkle Tree Hash MTH(D[n]) of RFC 9162 §2.1.1: leaves and interior nodes are hashed
with different one-byte prefixes, and a tree of n > 1 leaves splits at the largest power of two below n.
Proof builders do not see the entries: they read the hashes of *perfect* subtrees (2**level leaves, aligned)
through a `get(level, index)` callable, which a store answers from its table, and call it O(log n) times.
Verifiers trust nothing: any malformed input makes them return False, never raise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

# Domain separation: a leaf hash can never be mistaken for an interior node's hash (RFC 9162 §2.1.1).
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()  # MTH({}) = SHA-256(), the root of the empty tree

SubtreeHash = Callable[[int, int], bytes]
"""`get(level, index)`: the hash of the perfect subtree over leaves [index * 2**level, (index + 1) * 2**level)."""


class ProofError(ValueError):
    """A proof or subtree hash was asked for arguments that no tree has (index >= size, old_size > new_size)."""


def leaf_hash(entry: bytes) -> bytes:
    """The hash of one log entry, as it appears at level 0 of the tree."""
    # SHA-256(LEAF_PREFIX || entry)
    return hashlib.sha256(LEAF_PREFIX + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """The hash of an interior node from its two children's hashes."""
    # SHA-256(NODE_PREFIX || left || right)
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def root(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH over already-hashed leaves, in O(n) time and O(log n) memory, without recursion."""
    # stack[i] is the hash of a perfect subtree; their sizes are the set bits of the count so far, largest first.
    stack: list[bytes] = []
    for count, value in enumerate(leaf_hashes):
        while count & 1:  # each trailing 1 bit of the old count is a perfect subtree of equal size to merge
            value = node_hash(stack.pop(), value)
            count >>= 1
        stack.append(value)
    return _fold_right(stack) if stack else EMPTY_ROOT


def range_hash(start: int, end: int, get: SubtreeHash) -> bytes:
    """MTH of leaves [start, end) from one perfect-subtree hash per set bit of `end - start`.

    The range must tile into aligned perfect subtrees, largest first: `start` a multiple of the largest power
    of two not above `end - start` (true of every node, and of every right part that MTH splits off). Their
    hashes are folded right to left, which is how RFC 9162 hashes a tree's right edge.
    """
    if not 0 <= start <= end:
        raise ProofError(f"no leaf range [{start}, {end})")
    if start == end:
        return EMPTY_ROOT
    return _fold_right(_perfect_subtrees(start, end, get))


def root_from_subtrees(size: int, get: SubtreeHash) -> bytes:
    """The root of the tree of the first `size` leaves: one `get` per set bit of `size`."""
    if size < 0:
        raise ProofError(f"no tree of size {size}")
    return range_hash(0, size, get)


def inclusion_proof(index: int, size: int, get: SubtreeHash) -> list[bytes]:
    """RFC 9162 §2.1.3.1 PATH(index, D[size]): sibling hashes from the leaf up to the root."""
    if not 0 <= index < size:
        raise ProofError(f"no leaf {index} in a tree of size {size}")
    proof: list[bytes] = []
    lo, hi = 0, size  # the subtree [lo, hi) that holds the leaf, from the root down
    while hi - lo > 1:
        k = _split(hi - lo)
        if index < lo + k:  # PATH(m, D[0:k]) : MTH(D[k:n])
            proof.append(range_hash(lo + k, hi, get))
            hi = lo + k
        else:  # PATH(m - k, D[k:n]) : MTH(D[0:k]), a perfect subtree
            proof.append(get(k.bit_length() - 1, lo // k))
            lo += k
    proof.reverse()
    return proof


def consistency_proof(old_size: int, new_size: int, get: SubtreeHash) -> list[bytes]:
    """RFC 9162 §2.1.4.1 PROOF(old_size, D[new_size]): what proves the old tree is a prefix of the new one."""
    if not 0 <= old_size <= new_size:
        raise ProofError(f"no consistency proof from size {old_size} to size {new_size}")
    if old_size == 0:
        raise ProofError(
            "a consistency proof from the empty tree proves nothing (RFC 9162 needs 0 < old_size)"
        )
    proof: list[bytes] = []
    lo, hi = 0, new_size  # SUBPROOF(m, D[lo:hi], b) with m = old_size - lo
    old_root_known = True  # the flag b: the old tree's root is a node the verifier already has
    while old_size != hi:
        k = _split(hi - lo)
        if old_size - lo <= k:  # SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
            proof.append(range_hash(lo + k, hi, get))
            hi = lo + k
        else:  # SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]), a perfect subtree
            proof.append(get(k.bit_length() - 1, lo // k))
            lo += k
            old_root_known = False
    if not old_root_known:  # SUBPROOF(m, D[m], false) = {MTH(D[m])}, a perfect subtree
        proof.append(range_hash(lo, hi, get))
    proof.reverse()
    return proof


def verify_inclusion(leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes) -> bool:
    """RFC 9162 §2.1.3.2: whether `leaf` (a leaf *hash*) is entry `index` of the tree of `size` with `root`.

    An inclusion proof binds the root, not the size: the caller must trust `size` with `root` together
    (a signed checkpoint), because sizes whose paths have the same shape verify the same proof.
    """
    path = _hashes(proof)
    if path is None or not (_is_hash(leaf) and _is_hash(root) and _is_size(index) and _is_size(size)):
        return False
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:  # more proof than tree
            return False
        if fn & 1 or fn == sn:  # p is a left sibling, or we are on the right edge
            r = node_hash(p, r)
            while fn and not fn & 1:  # climb past levels where the right edge has no sibling
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: whether the tree of `old_size` with `old_root` is a prefix of `new_size`'s `new_root`.

    Equal sizes need an empty proof and equal roots (the empty tree's root being EMPTY_ROOT); from the
    empty tree to a larger one nothing can be proven, so that is refused, as transparency-dev/merkle does.
    As with inclusion, the proof binds the roots; the sizes must come with them from signed checkpoints.
    """
    path = _hashes(proof)
    if path is None or not (_is_hash(old_root) and _is_hash(new_root)):
        return False
    if not (_is_size(old_size) and _is_size(new_size)) or old_size > new_size:
        return False
    if old_size == new_size:
        return not path and old_root == new_root and (old_size > 0 or old_root == EMPTY_ROOT)
    if old_size == 0 or not path:
        return False
    if old_size & (old_size - 1) == 0:  # the old tree is a perfect subtree: its root starts the chain
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:  # climb to the lowest node that both trees share
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:  # more proof than tree
            return False
        if fn & 1 or fn == sn:  # c is in both trees, to the left
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:  # c is only in the new tree, to the right
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == new_root


class MemoryTree:
    """An in-memory log keeping every perfect-subtree hash, one list per level; for tests, tools, small logs.

    `get` is a `SubtreeHash`, so the module's proof functions run on it exactly as they run on a store.
    """

    def __init__(self, entries: Iterable[bytes] = ()) -> None:
        self._levels: list[list[bytes]] = []
        for entry in entries:
            self.append(entry)

    @property
    def size(self) -> int:
        return len(self._levels[0]) if self._levels else 0

    def append(self, entry: bytes) -> int:
        """Add an entry; return its index."""
        return self.append_hash(leaf_hash(entry))

    def append_hash(self, leaf: bytes) -> int:
        """Add an already-hashed leaf; return its index. Amortised O(1): it completes the perfect subtrees
        that end at the new leaf, one per trailing 1 bit of the old size."""
        index = self.size
        value, level = leaf, 0
        while True:
            if level == len(self._levels):
                self._levels.append([])
            row = self._levels[level]
            row.append(value)
            if len(row) % 2:
                return index
            value = node_hash(row[-2], value)
            level += 1

    def get(self, level: int, index: int) -> bytes:
        """The hash of perfect subtree `index` at `level` (level 0: the leaf hashes)."""
        if 0 <= level < len(self._levels) and 0 <= index < len(self._levels[level]):
            return self._levels[level][index]
        raise IndexError(f"no perfect subtree ({level}, {index}) in a tree of size {self.size}")

    def root(self, size: int | None = None) -> bytes:
        """The root of the whole tree, or of its first `size` leaves."""
        return root_from_subtrees(self._size_or_all(size), self.get)

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        return inclusion_proof(index, self._size_or_all(size), self.get)

    def consistency_proof(self, old: int, new: int | None = None) -> list[bytes]:
        return consistency_proof(old, self._size_or_all(new), self.get)

    def _size_or_all(self, size: int | None) -> int:
        if size is None:
            return self.size
        if not 0 <= size <= self.size:
            raise ProofError(f"no tree of size {size}: the log has {self.size} entries")
        return size


def _split(n: int) -> int:
    """The largest power of two smaller than n (n >= 2): where MTH splits a tree of n leaves."""
    return 1 << ((n - 1).bit_length() - 1)


def _perfect_subtrees(start: int, end: int, get: SubtreeHash) -> list[bytes]:
    """The perfect subtrees that tile [start, end) largest first, one per set bit of end - start."""
    width = end - start
    top = width.bit_length() - 1
    if start % (1 << top):
        raise ProofError(
            f"leaves [{start}, {end}) do not form a subtree: {start} is not a multiple of {1 << top}"
        )
    hashes = []
    for level in range(top, -1, -1):
        if width >> level & 1:
            hashes.append(get(level, start >> level))
            start += 1 << level
    return hashes


def _fold_right(hashes: Sequence[bytes]) -> bytes:
    """node_hash(h0, node_hash(h1, ... node_hash(h[-2], h[-1]))): the right edge of a tree, bottom up."""
    value = hashes[-1]
    for left in reversed(hashes[:-1]):
        value = node_hash(left, value)
    return value


def _is_hash(value: object) -> bool:
    return isinstance(value, bytes | bytearray) and len(value) == HASH_SIZE


def _is_size(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _hashes(proof: object) -> list[bytes] | None:
    """The proof as a fresh list when it is a sequence of 32-byte hashes, else None."""
    if not isinstance(proof, Sequence) or isinstance(proof, str | bytes | bytearray):
        return None
    path = list(proof)
    return path if all(_is_hash(p) for p in path) else None
