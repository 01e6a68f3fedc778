"""Conformance of the pure Merkle core with RFC 6962/9162.

Test vectors copied from the transparency-dev/merkle repository (Apache-2.0):
- ``rfc6962/rfc6962_test.go`` (TestRFC6962Hasher): empty root, empty leaf, leaf and node hashes;
- ``proof/verify_test.go``: the eight test leaves, the roots of the trees of sizes 1–8
  (``roots``), ``inclusionProofs``, ``consistencyProofs``, and the corruption probes of
  ``corruptInclusionProof`` / ``corruptConsistencyProof`` (wrong index, wrong size, wrong
  root/leaf, garbage before or after, flipped bits, missing or extra components).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanxiang.ledger import merkle
from sanxiang.ledger.merkle import ProofError


def dh(text: str) -> bytes:
    return bytes.fromhex(text)


EMPTY_TREE = dh("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
SOME_HASH = dh("abacaba000000000000000000000000000000000000000000060061e00123456")

LEAVES = [
    b"",
    dh("00"),
    dh("10"),
    dh("2021"),
    dh("3031"),
    dh("40414243"),
    dh("5051525354555657"),
    dh("606162636465666768696a6b6c6d6e6f"),
]

ROOTS = [
    dh("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
    dh("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
    dh("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
    dh("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
    dh("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"),
    dh("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
    dh("ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
    dh("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
]

# (1-based leaf, tree size, audit path) as in inclusionProofs.
INCLUSION = [
    (1, 1, []),
    (
        1,
        8,
        [
            dh("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            dh("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            dh("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
        ],
    ),
    (
        6,
        8,
        [
            dh("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
            dh("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            dh("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        ],
    ),
    (3, 3, [dh("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]),
    (
        2,
        5,
        [
            dh("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
            dh("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            dh("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
        ],
    ),
]

CONSISTENCY = [
    (1, 1, []),
    (
        1,
        8,
        [
            dh("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            dh("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            dh("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
        ],
    ),
    (
        6,
        8,
        [
            dh("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            dh("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            dh("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        ],
    ),
    (
        2,
        5,
        [
            dh("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            dh("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
        ],
    ),
    (
        6,
        7,
        [
            dh("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            dh("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
            dh("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        ],
    ),
]

LEAF_HASHES = [merkle.leaf_hash(leaf) for leaf in LEAVES]


def stored_nodes(leaf_hashes: list[bytes]) -> dict[merkle.NodeKey, bytes]:
    """Every perfect subtree of the tree, computed by the Frontier as append() does."""
    frontier = merkle.Frontier()
    completed: list[tuple[int, int, bytes]] = []
    for leaf in leaf_hashes:
        frontier.append(leaf, completed)
    nodes = {(0, i): leaf for i, leaf in enumerate(leaf_hashes)}
    nodes.update({(level, pos): value for level, pos, value in completed})
    return nodes


LOOKUP = merkle.lookup_in(stored_nodes(LEAF_HASHES))


def test_rfc6962_hashes() -> None:
    assert merkle.EMPTY_ROOT == EMPTY_TREE
    assert merkle.leaf_hash(b"") == dh(
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
    )
    assert merkle.leaf_hash(b"L123456") == dh(
        "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56"
    )
    assert merkle.node_hash(b"N123", b"N456") == dh(
        "aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb"
    )
    # Domain separation: a node is not the leaf of its children's concatenation.
    left, right = merkle.leaf_hash(b"Hello"), merkle.leaf_hash(b"World")
    assert merkle.node_hash(left, right) != merkle.leaf_hash(left + right)
    assert merkle.node_hash(left, right) != merkle.node_hash(right, left)


@pytest.mark.parametrize("size", range(1, 9))
def test_roots_of_sizes_1_to_8(size: int) -> None:
    assert merkle.root_from_leaves(LEAF_HASHES[:size]) == ROOTS[size - 1]
    assert merkle.root(size, LOOKUP) == ROOTS[size - 1]
    frontier = merkle.Frontier()
    for leaf in LEAF_HASHES[:size]:
        frontier.append(leaf)
    assert frontier.root() == ROOTS[size - 1]
    restored = merkle.Frontier.from_bytes(size, frontier.to_bytes())
    assert restored.root() == ROOTS[size - 1]


def test_empty_tree_root() -> None:
    assert merkle.root(0, LOOKUP) == EMPTY_TREE
    assert merkle.Frontier().root() == EMPTY_TREE


@pytest.mark.parametrize(("leaf", "size", "path"), INCLUSION)
def test_inclusion_vectors_generate_and_verify(leaf: int, size: int, path: list[bytes]) -> None:
    index = leaf - 1
    assert merkle.inclusion_proof(index, size, LOOKUP) == path
    merkle.verify_inclusion(index, size, LEAF_HASHES[index], path, ROOTS[size - 1])


@pytest.mark.parametrize(("size1", "size2", "path"), CONSISTENCY)
def test_consistency_vectors_generate_and_verify(size1: int, size2: int, path: list[bytes]) -> None:
    assert merkle.consistency_proof(size1, size2, LOOKUP) == path
    merkle.verify_consistency(size1, size2, ROOTS[size1 - 1], ROOTS[size2 - 1], path)


def _flip(proof: list[bytes], i: int, bit: int) -> list[bytes]:
    copy = list(proof)
    copy[i] = bytes([copy[i][0] ^ bit]) + copy[i][1:]
    return copy


def corrupt_inclusion(
    index: int, size: int, proof: list[bytes], root: bytes, leaf: bytes
) -> list[tuple[str, int, int, bytes, list[bytes], bytes]]:
    probes = [
        ("leafIndex - 1", index - 1, size, leaf, proof, root),
        ("leafIndex + 1", index + 1, size, leaf, proof, root),
        ("leafIndex ^ 2", index ^ 2, size, leaf, proof, root),
        ("treeSize * 2", index, size * 2, leaf, proof, root),
        ("treeSize / 2", index, size // 2, leaf, proof, root),
        ("wrong leaf", index, size, b"WrongLeaf", proof, root),
        ("empty root", index, size, leaf, proof, EMPTY_TREE),
        ("random root", index, size, leaf, proof, SOME_HASH),
        ("trailing garbage", index, size, leaf, [*proof, b""], root),
        ("trailing root", index, size, leaf, [*proof, root], root),
        ("preceding garbage", index, size, leaf, [b"", *proof], root),
        ("preceding root", index, size, leaf, [root, *proof], root),
    ]
    for i in range(len(proof)):
        probes.append((f"modified proof[{i}] bit 3", index, size, leaf, _flip(proof, i, 8), root))
    if proof:
        probes.append(("removed component", index, size, leaf, proof[:-1], root))
    if len(proof) > 1:
        probes.append(
            ("inserted component", index, size, leaf, [proof[0], SOME_HASH, *proof[1:]], root)
        )
    return probes


@pytest.mark.parametrize(("leaf", "size", "path"), INCLUSION)
def test_corrupted_inclusion_proofs_are_rejected(leaf: int, size: int, path: list[bytes]) -> None:
    index = leaf - 1
    probes = corrupt_inclusion(index, size, path, ROOTS[size - 1], LEAF_HASHES[index])
    accepted = []
    for desc, p_index, p_size, p_leaf, p_proof, p_root in probes:
        try:
            merkle.verify_inclusion(p_index, p_size, p_leaf, p_proof, p_root)
        except ProofError:
            continue
        accepted.append(desc)
    assert accepted == []
    assert len(probes) >= 12


def corrupt_consistency(
    size1: int, size2: int, root1: bytes, root2: bytes, proof: list[bytes]
) -> list[tuple[str, int, int, bytes, bytes, list[bytes]]]:
    probes = [
        ("size1 - 1", size1 - 1, size2, root1, root2, proof),
        ("size1 + 1", size1 + 1, size2, root1, root2, proof),
        ("size1 ^ 2", size1 ^ 2, size2, root1, root2, proof),
        ("size2 * 2", size1, size2 * 2, root1, root2, proof),
        ("size2 / 2", size1, size2 // 2, root1, root2, proof),
        ("wrong root1", size1, size2, b"WrongRoot", root2, proof),
        ("wrong root2", size1, size2, root1, b"WrongRoot", proof),
        ("swapped roots", size1, size2, root2, root1, proof),
        ("empty proof", size1, size2, root1, root2, []),
        ("trailing garbage", size1, size2, root1, root2, [*proof, b""]),
        ("trailing root1", size1, size2, root1, root2, [*proof, root1]),
        ("trailing root2", size1, size2, root1, root2, [*proof, root2]),
        ("preceding garbage", size1, size2, root1, root2, [b"", *proof]),
        ("preceding root1", size1, size2, root1, root2, [root1, *proof]),
        ("preceding root2", size1, size2, root1, root2, [root2, *proof]),
        ("preceding proof[0]", size1, size2, root1, root2, [proof[0], *proof]),
        ("truncated proof", size1, size2, root1, root2, proof[:-1]),
    ]
    for i in range(len(proof)):
        probes.append(
            (f"modified proof[{i}] bit 4", size1, size2, root1, root2, _flip(proof, i, 16))
        )
    return probes


@pytest.mark.parametrize(("size1", "size2", "path"), [c for c in CONSISTENCY if c[2]])
def test_corrupted_consistency_proofs_are_rejected(
    size1: int, size2: int, path: list[bytes]
) -> None:
    probes = corrupt_consistency(size1, size2, ROOTS[size1 - 1], ROOTS[size2 - 1], path)
    accepted = []
    for desc, s1, s2, r1, r2, proof in probes:
        try:
            merkle.verify_consistency(s1, s2, r1, r2, proof)
        except ProofError:
            continue
        accepted.append(desc)
    assert accepted == []


R1, R2 = hashlib.sha256(b"1").digest(), hashlib.sha256(b"2").digest()


@pytest.mark.parametrize(
    ("size1", "size2", "root1", "root2", "proof", "ok"),
    [
        (0, 0, R1, R2, [], False),
        (1, 1, R1, R2, [], False),
        (0, 0, R1, R1, [], True),
        (0, 1, R1, R2, [], True),
        (1, 1, R2, R2, [], True),
        (1, 0, R1, R2, [], False),
        (2, 1, R1, R2, [], False),
        (1, 2, R1, R2, [], False),
        (0, 0, EMPTY_TREE, R2, [], False),
        (1, 1, EMPTY_TREE, R2, [], False),
        (0, 0, EMPTY_TREE, EMPTY_TREE, [EMPTY_TREE], False),
        (0, 1, EMPTY_TREE, EMPTY_TREE, [EMPTY_TREE], False),
        (1, 1, EMPTY_TREE, EMPTY_TREE, [EMPTY_TREE], False),
    ],
)
def test_consistency_edge_cases(
    size1: int, size2: int, root1: bytes, root2: bytes, proof: list[bytes], ok: bool
) -> None:
    # The TestVerifyConsistency table of verify_test.go.
    if ok:
        merkle.verify_consistency(size1, size2, root1, root2, proof)
    else:
        with pytest.raises(ProofError):
            merkle.verify_consistency(size1, size2, root1, root2, proof)


@pytest.mark.parametrize(("index", "size"), [(0, 0), (0, 1), (1, 0), (2, 1)])
def test_inclusion_edge_cases(index: int, size: int) -> None:
    # TestVerifyInclusion's probes: none of them verifies.
    for leaf, root in ((SOME_HASH, b""), (b"", EMPTY_TREE), (SOME_HASH, EMPTY_TREE)):
        with pytest.raises(ProofError):
            merkle.verify_inclusion(index, size, leaf, [], root)


def test_single_entry_inclusion() -> None:
    value = merkle.leaf_hash(b"data")
    merkle.verify_inclusion(0, 1, value, [], value)
    for leaf, root in ((value, b""), (b"", value), (b"", b"")):
        with pytest.raises(ProofError):
            merkle.verify_inclusion(0, 1, leaf, [], root)


# -- property tests against the RFC's recursive definitions -------------------------------------


def path_reference(m: int, leaves: list[bytes]) -> list[bytes]:
    n = len(leaves)
    if n == 1:
        return []
    k = merkle.split_point(n)
    if m < k:
        return [*path_reference(m, leaves[:k]), merkle.root_from_leaves(leaves[k:])]
    return [*path_reference(m - k, leaves[k:]), merkle.root_from_leaves(leaves[:k])]


def subproof_reference(m: int, leaves: list[bytes], whole: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if whole else [merkle.root_from_leaves(leaves)]
    k = merkle.split_point(n)
    if m <= k:
        return [*subproof_reference(m, leaves[:k], whole), merkle.root_from_leaves(leaves[k:])]
    return [*subproof_reference(m - k, leaves[k:], False), merkle.root_from_leaves(leaves[:k])]


def _tree(n: int) -> tuple[list[bytes], Callable[[merkle.NodeKey], bytes]]:
    leaves = [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(n)]
    return leaves, merkle.lookup_in(stored_nodes(leaves))


@given(st.integers(min_value=1, max_value=300), st.data())
def test_inclusion_proofs_match_the_rfc_definition(n: int, data: st.DataObject) -> None:
    leaves, lookup = _tree(n)
    m = data.draw(st.integers(min_value=0, max_value=n - 1))
    proof = merkle.inclusion_proof(m, n, lookup)
    assert proof == path_reference(m, leaves)
    merkle.verify_inclusion(m, n, leaves[m], proof, merkle.root_from_leaves(leaves))
    # Only O(log n) stored subtrees are read.
    assert len(merkle.inclusion_proof_keys(m, n)) <= 2 * n.bit_length() + 1


@given(st.integers(min_value=1, max_value=300), st.data())
def test_consistency_proofs_match_the_rfc_definition(n: int, data: st.DataObject) -> None:
    leaves, lookup = _tree(n)
    m = data.draw(st.integers(min_value=1, max_value=n))
    proof = merkle.consistency_proof(m, n, lookup)
    assert proof == (subproof_reference(m, leaves, True) if m < n else [])
    merkle.verify_consistency(
        m, n, merkle.root_from_leaves(leaves[:m]), merkle.root_from_leaves(leaves), proof
    )
