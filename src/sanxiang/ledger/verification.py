"""``sanxiang ledger verify``: recompute an agency's log from its stored records.

Trusts nothing in the database: every leaf is rebuilt from the entry's columns, every seal and
checkpoint signature is checked with the platform key, every stored subtree hash and every
checkpoint root is recomputed. It stops an agency's walk at the first bad entry (the tree past a
broken leaf proves nothing more) and names that index and what is wrong with it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from django.db import connection
from django.db.models import Q

from sanxiang.ledger import merkle, signing
from sanxiang.ledger.checkpoints import checkpoint_body, signed_message
from sanxiang.ledger.models import Checkpoint, LedgerEntry, LedgerHead, LedgerNode
from sanxiang.ledger.records import record_bytes, shanghai_iso
from sanxiang.registry.models import Agency

CHUNK = 5000


class Problem(StrEnum):
    CHANGED_RECORD = "changed_record"
    MISSING_ENTRY = "missing_entry"
    REORDERED = "reordered"
    FORGED = "forged"
    BAD_SIGNATURE = "bad_signature"
    ROOT_MISMATCH = "root_mismatch"
    TREE_MISMATCH = "tree_mismatch"


@dataclass(frozen=True)
class Finding:
    index: int
    problem: Problem
    detail: str

    def as_json(self) -> dict[str, Any]:
        return {"index": self.index, "problem": str(self.problem), "detail": self.detail}


@dataclass
class AgencyReport:
    agency: str
    entries: int = 0
    checkpoints: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def first(self) -> Finding | None:
        return min(self.findings, key=lambda f: f.index) if self.findings else None

    def as_json(self) -> dict[str, Any]:
        first = self.first
        return {
            "agency": self.agency,
            "ok": self.ok,
            "entries": self.entries,
            "checkpoints": self.checkpoints,
            "first_bad_index": first.index if first else None,
            "problems": [f.as_json() for f in sorted(self.findings, key=lambda f: f.index)],
        }


Row = tuple[Any, ...]  # index, kind, subject, actor_id, actor_username, time, payload, leaf, seal


def _rows(agency: Agency) -> Iterator[list[Row]]:
    """Entries in index order, in chunks, as plain tuples.

    Raw SQL rather than the ORM: verification reads every row, and per-row model work would
    dominate its cost. Times arrive as the backend's raw value and are normalised by `_time`.
    """
    table = connection.ops.quote_name(LedgerEntry._meta.db_table)
    index = connection.ops.quote_name("index")
    sql = (
        f"SELECT {index}, kind, subject, actor_id, actor_username, recorded_at, payload_json, "  # noqa: S608
        f"leaf_hash, seal FROM {table} WHERE agency_id = %s AND {index} > %s "
        f"ORDER BY {index} LIMIT %s"
    )
    start = -1
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [agency.pk, start, CHUNK])
            chunk = cursor.fetchall()
        if not chunk:
            return
        yield chunk
        start = chunk[-1][0]


_time_memo: dict[Any, str] = {}


def _time(raw: Any) -> str:
    """The record's time text from a stored value (SQLite: UTC text; PostgreSQL: datetime).

    Memoised because a batch of appends shares one timestamp.
    """
    text = _time_memo.get(raw)
    if text is None:
        moment = raw if isinstance(raw, datetime) else datetime.fromisoformat(raw)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        text = shanghai_iso(moment)
        if len(_time_memo) > 4096:
            _time_memo.clear()
        _time_memo[raw] = text
    return text


def _stored_nodes(agency: Agency, first: int, last: int) -> dict[merkle.NodeKey, bytes]:
    """Subtrees whose last leaf lies in [first, last]: those the walk completes in this chunk."""
    match = Q()
    for level in range(1, (last + 1).bit_length() + 1):
        low = ((first + (1 << level)) >> level) - 1  # ceil((first + 1) / 2^level) - 1
        high = ((last + 1) >> level) - 1
        if low <= high:
            match |= Q(agency=agency, level=level, position__gte=max(low, 0), position__lte=high)
    if not match:
        return {}
    rows = LedgerNode.objects.filter(match).values_list("level", "position", "hash")
    return {(level, position): bytes(value) for level, position, value in rows}


def _leaf(agency_slug: str, index: int, row: Row) -> bytes:
    _, kind, subject, actor_id, actor_username, recorded_at, payload_json, _, _ = row
    data = record_bytes(
        index, agency_slug, kind, subject, actor_id, actor_username, _time(recorded_at),
        payload_json,
    )  # fmt: skip
    return merkle.leaf_hash(data)


def _moved_from(agency_slug: str, row: Row, chunk: list[Row]) -> int | None:
    """The index an entry's content was appended at, if it now sits elsewhere in its chunk.

    Two ways to swap entries: move whole rows (their stored leaf hashes move with them), or move
    the content columns (the stored hashes stay). Either way the content, hashed at its original
    index, matches a genuine stored leaf hash.
    """
    index, stored = row[0], bytes(row[7])
    for other in chunk:
        candidate = other[0]
        if candidate == index:
            continue
        leaf = _leaf(agency_slug, candidate, row)
        if leaf in (stored, bytes(other[7])):
            return candidate
    return None


def _check_signatures(checkpoints: list[Checkpoint], report: AgencyReport) -> None:
    for checkpoint in checkpoints:
        index = max(checkpoint.tree_size - 1, 0)
        try:
            signer = signing.signer_for(checkpoint.algorithm, checkpoint.key_id)
        except signing.SigningError as exc:
            report.findings.append(Finding(index, Problem.BAD_SIGNATURE, str(exc)))
            continue
        message = signed_message(checkpoint_body(checkpoint))
        if not signer.verify(message, bytes(checkpoint.signature)):
            report.findings.append(
                Finding(
                    index,
                    Problem.BAD_SIGNATURE,
                    f"checkpoint of size {checkpoint.tree_size}: signature does not verify",
                )
            )


def verify_agency(agency: Agency) -> AgencyReport:
    report = AgencyReport(agency=agency.slug)
    checkpoints = list(
        Checkpoint.objects.filter(agency=agency).select_related("agency").order_by("tree_size")
    )
    report.checkpoints = len(checkpoints)
    _check_signatures(checkpoints, report)
    walk = _Walk(agency, {c.tree_size: bytes(c.root_hash) for c in checkpoints})
    finding = walk.run()
    report.entries = walk.frontier.size
    if finding is not None:
        report.findings.append(finding)
    else:
        _check_tail(agency, walk.frontier.size, checkpoints, report)
    return report


class _Walk:
    """One pass over an agency's entries in index order, rebuilding the tree as it goes."""

    def __init__(self, agency: Agency, roots_due: dict[int, bytes]) -> None:
        self.agency = agency
        self.roots_due = roots_due
        self.frontier = merkle.Frontier()
        self.last_good_root_size = 0

    def run(self) -> Finding | None:
        slug, key, frontier = self.agency.slug, signing.seal_key(), self.frontier
        sha256, hmac_digest = hashlib.sha256, hmac.digest
        for chunk in _rows(self.agency):
            stored_nodes = _stored_nodes(self.agency, chunk[0][0], chunk[-1][0])
            for row in chunk:
                index, kind, subject, actor_id, actor_name, at, payload, leaf_col, seal = row
                if index != frontier.size:
                    return self._gap(index)
                stored_leaf = bytes(leaf_col)
                if hmac_digest(key, stored_leaf, "sha256") != bytes(seal):
                    return Finding(index, Problem.FORGED, _bad_seal_detail(index))
                data = record_bytes(
                    index, slug, kind, subject, actor_id, actor_name, _time(at), payload
                )
                leaf = sha256(b"\x00" + data).digest()
                if leaf != stored_leaf:
                    return _diagnose(slug, row, chunk)
                completed: list[tuple[int, int, bytes]] = []
                frontier.append(leaf, completed)
                for level, position, value in completed:
                    if stored_nodes.get((level, position)) != value:
                        return Finding(
                            position << level,
                            Problem.TREE_MISMATCH,
                            f"stored subtree hash ({level}, {position}) differs from the "
                            "recomputed one",
                        )
                if frontier.size in self.roots_due:
                    finding = self._check_root()
                    if finding is not None:
                        return finding
        return None

    def _gap(self, index: int) -> Finding:
        expected = self.frontier.size
        if index < expected:
            return Finding(index, Problem.FORGED, f"a second entry claims index {index}")
        return Finding(expected, Problem.MISSING_ENTRY, f"no entry at index {expected}")

    def _check_root(self) -> Finding | None:
        size = self.frontier.size
        if self.frontier.root() != self.roots_due[size]:
            start = self.last_good_root_size
            return Finding(
                start,
                Problem.ROOT_MISMATCH,
                f"checkpoint of size {size} signs a different root; the change lies in "
                f"indices {start}–{size - 1}",
            )
        self.last_good_root_size = size
        return None


def _bad_seal_detail(index: int) -> str:
    if index == 0:
        # Every seal fails from the first entry on when the key file itself was replaced.
        return "entry seal is not the platform's (or the platform key file was replaced)"
    return "entry seal is not the platform's"


def _diagnose(slug: str, row: Row, chunk: list[Row]) -> Finding:
    """A sealed leaf hash that the stored record no longer produces: changed, moved or copied."""
    index = row[0]
    origin = _moved_from(slug, row, chunk)
    if origin is not None and origin < index:
        # The entry at `origin` already verified: this one is a copy of it.
        return Finding(index, Problem.FORGED, f"copy of the entry at index {origin}")
    if origin is not None:
        return Finding(index, Problem.REORDERED, f"entry content was appended at index {origin}")
    return Finding(index, Problem.CHANGED_RECORD, "stored record does not hash to its leaf")


def _check_tail(
    agency: Agency, size: int, checkpoints: list[Checkpoint], report: AgencyReport
) -> None:
    """Entries cut from the end leave traces: checkpoints, the head or subtrees beyond the end."""
    beyond = [c.tree_size for c in checkpoints if c.tree_size > size]
    head = LedgerHead.objects.filter(agency=agency).first()
    expected_nodes = size - size.bit_count()
    stored_nodes = LedgerNode.objects.filter(agency=agency).count()
    if beyond:
        detail = f"checkpoint of size {max(beyond)} but only {size} entries remain"
    elif head is not None and head.size > size:
        detail = f"the log head records {head.size} entries but only {size} remain"
    elif stored_nodes > expected_nodes:
        detail = f"{stored_nodes - expected_nodes} subtree hashes cover entries past the end"
    else:
        return
    report.findings.append(Finding(size, Problem.MISSING_ENTRY, detail))


def verify(agencies: list[Agency]) -> list[AgencyReport]:
    return [verify_agency(agency) for agency in agencies]
