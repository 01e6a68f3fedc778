"""RFC 9162 §2.1 Merkle tree hashing and proofs — pure Python, no Django.

Hashing: leaf = SHA-256(0x00 ‖ data), interior node = SHA-256(0x01 ‖ left ‖ right), the empty tree
hashes to SHA-256(""). The tree over n leaves splits at k, the largest power of two below n.

Proof generation never walks the whole log: every value a proof needs is the hash of a range
D[a:b] that the RFC's recursion produces, and such a range always starts on a multiple of a power
of two at least as large as b - a, so it is a right-fold over at most log2(n) *perfect* subtrees
(complete, aligned subtrees). Callers store perfect subtrees as ``(level, position)`` → hash —
the subtree at ``(level, position)`` covers leaves ``[position << level, (position + 1) << level)``
— and pass a lookup; :func:`inclusion_proof_keys` / :func:`consistency_proof_keys` say which keys
to fetch so a database answers a proof with one query.

Verification follows the RFC's iterative algorithms (§2.1.3.2, §2.1.4.2) literally.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

HASH_SIZE = 32
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").digest()

NodeKey = tuple[int, int]  # (level, position); level 0 is a leaf
Lookup = Callable[[NodeKey], bytes]


class ProofError(ValueError):
    """A proof does not verify; the message says why in English (logs, the CLI's JSON)."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def split_point(n: int) -> int:
    """k: the largest power of two smaller than n (n > 1)."""
    if n < 2:
        raise ValueError("split_point needs n > 1")
    return 1 << ((n - 1).bit_length() - 1)


def root_from_leaves(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH(D[n]) straight from the RFC's definition — the reference the fast paths are tested on."""
    n = len(leaf_hashes)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaf_hashes[0]
    k = split_point(n)
    return node_hash(root_from_leaves(leaf_hashes[:k]), root_from_leaves(leaf_hashes[k:]))


# -- ranges and perfect subtrees ----------------------------------------------------------------


def range_keys(start: int, end: int) -> list[NodeKey]:
    """The perfect subtrees that make up the RFC range D[start:end], largest (leftmost) first.

    Valid for the ranges the RFC's recursion produces: ``start`` is a multiple of a power of two
    that is at least ``end - start``. The set bits of the size give the subtrees.
    """
    size = end - start
    if size <= 0:
        raise ValueError(f"empty range [{start}, {end})")
    keys: list[NodeKey] = []
    position = start
    for level in range(size.bit_length() - 1, -1, -1):
        if size >> level & 1:
            if position % (1 << level):
                raise ValueError(f"range [{start}, {end}) is not an RFC 9162 subtree range")
            keys.append((level, position >> level))
            position += 1 << level
    return keys


def fold_right(hashes: Sequence[bytes]) -> bytes:
    """Combine perfect subtrees of decreasing size, left to right, into their MTH."""
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def range_hash(start: int, end: int, lookup: Lookup) -> bytes:
    return fold_right([lookup(key) for key in range_keys(start, end)])


# -- inclusion proofs (RFC 9162 §2.1.3) ---------------------------------------------------------


def inclusion_proof_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """PATH(m, D[n]) as absolute ranges, bottom-up (the order of the audit path)."""
    if not 0 <= index < size:
        raise ValueError(f"leaf index {index} is outside a tree of size {size}")
    ranges: list[tuple[int, int]] = []
    start, end, m = 0, size, index
    while end - start > 1:
        k = split_point(end - start)
        if m < k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start, m = start + k, m - k
    ranges.reverse()
    return ranges


def consistency_proof_ranges(old_size: int, new_size: int) -> list[tuple[int, int]]:
    """PROOF(m, D[n]) = SUBPROOF(m, D[n], true) as absolute ranges, in proof order."""
    if not 0 <= old_size <= new_size:
        raise ValueError(f"cannot prove consistency from size {old_size} to size {new_size}")
    if old_size == 0 or old_size == new_size:
        return []
    ranges: list[tuple[int, int]] = []
    start, end, m, whole = 0, new_size, old_size, True
    while True:
        n = end - start
        if m == n:
            if not whole:
                ranges.append((start, end))
            break
        k = split_point(n)
        if m <= k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start, m, whole = start + k, m - k, False
    ranges.reverse()
    return ranges


def keys_for_ranges(ranges: Iterable[tuple[int, int]]) -> set[NodeKey]:
    return {key for start, end in ranges for key in range_keys(start, end)}


def inclusion_proof_keys(index: int, size: int) -> set[NodeKey]:
    return keys_for_ranges(inclusion_proof_ranges(index, size)) | {(0, index)}


def consistency_proof_keys(old_size: int, new_size: int) -> set[NodeKey]:
    return keys_for_ranges(consistency_proof_ranges(old_size, new_size))


def root_keys(size: int) -> list[NodeKey]:
    return range_keys(0, size) if size else []


def inclusion_proof(index: int, size: int, lookup: Lookup) -> list[bytes]:
    return [range_hash(a, b, lookup) for a, b in inclusion_proof_ranges(index, size)]


def consistency_proof(old_size: int, new_size: int, lookup: Lookup) -> list[bytes]:
    return [range_hash(a, b, lookup) for a, b in consistency_proof_ranges(old_size, new_size)]


def root(size: int, lookup: Lookup) -> bytes:
    return EMPTY_ROOT if size == 0 else range_hash(0, size, lookup)


def lookup_in(nodes: Mapping[NodeKey, bytes]) -> Lookup:
    def lookup(key: NodeKey) -> bytes:
        try:
            return nodes[key]
        except KeyError:
            raise LookupError(f"perfect subtree {key} is not stored") from None

    return lookup


# -- verification (RFC 9162 §2.1.3.2 and §2.1.4.2) ----------------------------------------------


def _check_hash(value: bytes, what: str) -> None:
    if len(value) != HASH_SIZE:
        raise ProofError(f"{what} is {len(value)} bytes, expected {HASH_SIZE}")


def root_from_inclusion_proof(index: int, size: int, leaf: bytes, proof: Sequence[bytes]) -> bytes:
    if not 0 <= index < size:
        raise ProofError(f"leaf index {index} is outside a tree of size {size}")
    _check_hash(leaf, "leaf hash")
    fn, sn = index, size - 1
    result = leaf
    for i, p in enumerate(proof):
        _check_hash(p, f"audit path element {i}")
        if sn == 0:
            raise ProofError("audit path is longer than the tree allows")
        if fn & 1 or fn == sn:
            result = node_hash(p, result)
            if not fn & 1:
                while True:
                    fn >>= 1
                    sn >>= 1
                    if fn & 1 or fn == 0:
                        break
        else:
            result = node_hash(result, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("audit path is shorter than the tree requires")
    return result


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], expected_root: bytes
) -> None:
    """Raise ProofError unless ``proof`` shows leaf ``index`` in the tree with ``expected_root``."""
    computed = root_from_inclusion_proof(index, size, leaf, proof)
    if computed != expected_root:
        raise ProofError("inclusion proof leads to a different root hash")


def verify_consistency(
    old_size: int,
    new_size: int,
    old_root: bytes,
    new_root: bytes,
    proof: Sequence[bytes],
) -> None:
    """Raise ProofError unless ``proof`` shows the tree of old_size is a prefix of new_size."""
    _check_hash(old_root, "old root")
    _check_hash(new_root, "new root")
    for i, p in enumerate(proof):
        _check_hash(p, f"consistency proof element {i}")
    if not 0 <= old_size <= new_size:
        raise ProofError(f"old size {old_size} is larger than new size {new_size}")
    if old_size == new_size:
        if proof:
            raise ProofError("proof must be empty for equal sizes")
        if old_root != new_root:
            raise ProofError("equal sizes but different root hashes")
        return
    if old_size == 0:
        if proof:
            raise ProofError("proof must be empty from the empty tree")
        return
    if not proof:
        raise ProofError("consistency proof is empty")
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # a power of two: the old root is the first node
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("consistency proof is longer than the trees allow")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while True:
                    fn >>= 1
                    sn >>= 1
                    if fn & 1 or fn == 0:
                        break
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("consistency proof is shorter than the trees require")
    if fr != old_root:
        raise ProofError("consistency proof does not lead to the old root hash")
    if sr != new_root:
        raise ProofError("consistency proof does not lead to the new root hash")


# -- the growing right edge of a tree -----------------------------------------------------------


@dataclass
class Frontier:
    """The perfect subtrees covering [0, size), largest first: enough to append and to root.

    Appending a leaf merges equal-sized subtrees at the right edge; every merge completes one
    perfect subtree, which the caller stores for later proofs (about one per leaf, amortised).
    """

    size: int = 0
    hashes: list[bytes] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.hashes) != self.size.bit_count():
            raise ValueError(
                f"a frontier of size {self.size} holds {self.size.bit_count()} hashes, "
                f"not {len(self.hashes)}"
            )

    def keys(self) -> list[NodeKey]:
        return root_keys(self.size)

    def append(self, leaf: bytes, completed: list[tuple[int, int, bytes]] | None = None) -> None:
        """Add one leaf hash; record each newly completed subtree (level ≥ 1) in ``completed``."""
        hashes = self.hashes
        hashes.append(leaf)
        index = self.size
        level = 0
        # The number of trailing one bits of the old size is the number of merges.
        while index >> level & 1:
            right = hashes.pop()
            left = hashes.pop()
            merged = node_hash(left, right)
            hashes.append(merged)
            level += 1
            if completed is not None:
                completed.append((level, index >> level, merged))
        self.size += 1

    def root(self) -> bytes:
        return fold_right(self.hashes) if self.hashes else EMPTY_ROOT

    def to_bytes(self) -> bytes:
        return b"".join(self.hashes)

    @classmethod
    def from_bytes(cls, size: int, data: bytes) -> Frontier:
        if len(data) != HASH_SIZE * size.bit_count():
            raise ValueError("stored frontier has the wrong length for its size")
        hashes = [data[i : i + HASH_SIZE] for i in range(0, len(data), HASH_SIZE)]
        return cls(size=size, hashes=hashes)
