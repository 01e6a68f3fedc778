"""Reads from the ledger: checkpoints and proofs, always for one agency.

Checkpoints and proofs carry hashes only, never a record's content, so they are public data
(see api.py); entries themselves are read through :func:`entries_for_subject`, scoped by agency.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from sanxiang.core.errors import NotInScope, SanxiangError
from sanxiang.ledger import merkle
from sanxiang.ledger.models import (
    NODE_MIN_LEVEL,
    Checkpoint,
    LedgerEntry,
    LedgerHead,
    LedgerNode,
)
from sanxiang.registry.models import Agency


class ProofUnavailable(SanxiangError):
    """The requested proof does not exist (index or size outside the log)."""

    code = "proof_unavailable"


def agency_by_slug(slug: str) -> Agency:
    try:
        return Agency.objects.get(slug=slug)
    except Agency.DoesNotExist:
        raise NotInScope(f"没有标识为 {slug} 的执法主体。") from None


def tree_size(agency: Agency) -> int:
    head = LedgerHead.objects.filter(agency=agency).only("size").first()
    return head.size if head is not None else 0


def latest_checkpoint(agency: Agency) -> Checkpoint | None:
    return (
        Checkpoint.objects.filter(agency=agency)
        .select_related("agency")
        .order_by("-tree_size")
        .first()
    )


def entries_for_subject(agency: Agency, subject: str) -> QuerySet[LedgerEntry]:
    return LedgerEntry.objects.filter(agency=agency, subject=subject).order_by("index")


def fetch_nodes(agency: Agency, keys: set[merkle.NodeKey]) -> dict[merkle.NodeKey, bytes]:
    """The stored hashes of the given perfect subtrees, in one query.

    Raw SQL because building a Django ``Q`` of ~40 terms costs more than the query itself, and
    a proof must stay in the low milliseconds in a log of millions of entries. The agency sits
    inside every OR term so that both SQLite and PostgreSQL answer each term from the unique
    (agency, level, position) index; leaves come from the entries' (agency, index) index.
    """
    quote = connection.ops.quote_name
    # Subtrees below NODE_MIN_LEVEL are not stored: read the leaves of their aligned blocks.
    low = {(level, position) for level, position in keys if level < NODE_MIN_LEVEL}
    blocks = sorted({(position << level) >> NODE_MIN_LEVEL for level, position in low})
    inner = sorted((level, position) for level, position in keys if level >= NODE_MIN_LEVEL)
    parts: list[str] = []
    params: list[int] = []
    if blocks:
        index = quote("index")
        ranges = " OR ".join([f"({index} >= %s AND {index} < %s)"] * len(blocks))
        parts.append(
            f"SELECT 0, {index}, leaf_hash FROM {quote(LedgerEntry._meta.db_table)} "  # noqa: S608
            f"WHERE agency_id = %s AND ({ranges})"
        )
        params.append(agency.pk)
        for block in blocks:
            params += [block << NODE_MIN_LEVEL, (block + 1) << NODE_MIN_LEVEL]
    if inner:
        terms = " OR ".join(["(agency_id = %s AND level = %s AND position = %s)"] * len(inner))
        parts.append(
            f"SELECT level, position, hash FROM {quote(LedgerNode._meta.db_table)} WHERE {terms}"  # noqa: S608
        )
        for level, position in inner:
            params += [agency.pk, level, position]
    if not parts:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    found = {(level, position): bytes(value) for level, position, value in rows}
    for level, position in low - found.keys():
        first = position << level
        leaves = [found.get((0, i)) for i in range(first, first + (1 << level))]
        if all(leaf is not None for leaf in leaves):
            found[(level, position)] = merkle.root_from_leaves(leaves)  # type: ignore[arg-type]
    return found


def _lookup(agency: Agency, size: int, keys: set[merkle.NodeKey]) -> merkle.Lookup:
    """Fetch what a proof over the first ``size`` entries needs, or say why it cannot exist.

    No separate size check: a tree larger than the log needs a subtree that is not stored yet
    (subtrees are stored only once complete), so the bound costs no extra query.
    """
    nodes = fetch_nodes(agency, keys)
    missing = keys - nodes.keys()
    if missing:
        current = tree_size(agency)
        if size > current:
            raise ProofUnavailable(
                f"树大小 {size} 超出账本当前条目数 {current}。",
                log_message=f"size {size} beyond log size {current}",
            )
        raise ProofUnavailable(
            "账本数据不完整，无法生成证明。", log_message=f"missing subtrees {sorted(missing)}"
        )
    return merkle.lookup_in(nodes)


@dataclass(frozen=True)
class InclusionProof:
    agency: str
    leaf_index: int
    tree_size: int
    leaf_hash: bytes
    audit_path: list[bytes]
    root_hash: bytes

    def as_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "leaf_index": self.leaf_index,
            "tree_size": self.tree_size,
            "leaf_hash": self.leaf_hash.hex(),
            "audit_path": [value.hex() for value in self.audit_path],
            "root_hash": self.root_hash.hex(),
        }


@dataclass(frozen=True)
class ConsistencyProof:
    agency: str
    from_size: int
    to_size: int
    from_root: bytes
    to_root: bytes
    consistency_path: list[bytes]

    def as_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "from_size": self.from_size,
            "to_size": self.to_size,
            "from_root": self.from_root.hex(),
            "to_root": self.to_root.hex(),
            "consistency_path": [value.hex() for value in self.consistency_path],
        }


def default_proof_size(agency: Agency) -> int:
    """Proofs are checked against a signed root, so by default against the latest checkpoint."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(tree_size) FROM {Checkpoint._meta.db_table} WHERE agency_id = %s",  # noqa: S608
            [agency.pk],
        )
        (size,) = cursor.fetchone() or (None,)
    return int(size) if size is not None else tree_size(agency)


def inclusion_proof(*, agency: Agency, index: int, size: int | None = None) -> InclusionProof:
    size = default_proof_size(agency) if size is None else size
    if not 0 <= index < size:
        raise ProofUnavailable(
            f"序号 {index} 不在大小为 {size} 的树中。",
            log_message=f"index {index} outside tree of size {size}",
        )
    keys = merkle.inclusion_proof_keys(index, size) | set(merkle.root_keys(size))
    lookup = _lookup(agency, size, keys)
    return InclusionProof(
        agency=agency.slug,
        leaf_index=index,
        tree_size=size,
        leaf_hash=lookup((0, index)),
        audit_path=merkle.inclusion_proof(index, size, lookup),
        root_hash=merkle.root(size, lookup),
    )


def consistency_proof(*, agency: Agency, from_size: int, to_size: int) -> ConsistencyProof:
    if not 0 <= from_size <= to_size:
        raise ProofUnavailable(
            f"起始大小 {from_size} 必须不大于目标大小 {to_size}。",
            log_message=f"from {from_size} > to {to_size}",
        )
    keys = (
        merkle.consistency_proof_keys(from_size, to_size)
        | set(merkle.root_keys(from_size))
        | set(merkle.root_keys(to_size))
    )
    lookup = _lookup(agency, to_size, keys)
    return ConsistencyProof(
        agency=agency.slug,
        from_size=from_size,
        to_size=to_size,
        from_root=merkle.root(from_size, lookup),
        to_root=merkle.root(to_size, lookup),
        consistency_path=merkle.consistency_proof(from_size, to_size, lookup),
    )


def record_of(entry: LedgerEntry) -> dict[str, Any]:
    """The record an entry's leaf hashes (for case-file exports and offline checks): the JSON
    of the stored leaf bytes, whose RFC 8785 form is those bytes again."""
    return entry.record
