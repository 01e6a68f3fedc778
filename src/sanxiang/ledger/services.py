"""Writes to the ledger: append entries (inside the caller's transaction) and sign checkpoints."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from sanxiang.accounts.models import User
from sanxiang.core.errors import SanxiangError
from sanxiang.ledger import signing
from sanxiang.ledger.checkpoints import checkpoint_body, signed_message
from sanxiang.ledger.merkle import Frontier, root_keys
from sanxiang.ledger.models import (
    NODE_MIN_LEVEL,
    Checkpoint,
    LedgerEntry,
    LedgerHead,
    LedgerNode,
)
from sanxiang.ledger.records import (
    RecordError,
    append_records,
    canonical_bytes,
    check_event,
    shanghai_iso,
)
from sanxiang.ledger.selectors import fetch_nodes
from sanxiang.registry.models import Agency

logger = logging.getLogger(__name__)


class LedgerError(SanxiangError):
    """An event cannot be put in the ledger; the caller's transaction must not go on."""

    code = "ledger_error"


@dataclass(frozen=True)
class Event:
    """One event for :func:`append_many`."""

    kind: str
    subject: str
    payload: dict[str, Any] = field(default_factory=dict)


def append(
    *, agency: Agency, kind: str, subject: str, actor: User | None, payload: dict[str, Any]
) -> LedgerEntry:
    """Append one event to ``agency``'s log and return the entry (with its ``index``).

    Call it inside the transaction that makes the change it records: the entry commits or rolls
    back with that change (DESIGN.md: no state change without its entry and vice versa).
    """
    # A savepoint when the caller has a transaction, a transaction when it has none.
    with transaction.atomic():
        (row,) = _append(
            agency, actor, [Event(kind=kind, subject=subject, payload=payload)], raw_time=False
        )
        entry = LedgerEntry(**dict(zip(ENTRY_COLUMNS, row, strict=True)))
        entry.save(force_insert=True)
    return entry


def append_batch(*, agency: Agency, actor: User | None, events: Sequence[Event]) -> range:
    """Append several events in order under one lock (imports); return their indices.

    Same guarantees as :func:`append`. It builds no model instances: an import that needs an
    entry back reads it by ``(agency, index)``.
    """
    if not events:
        return range(0)
    with transaction.atomic():
        rows = _append(agency, actor, events, raw_time=True)
        # executemany, no RETURNING: the ORM's per-object work would cost more than hashing.
        _executemany(LedgerEntry._meta.db_table, ENTRY_COLUMNS, rows)
    return range(rows[0][1], rows[-1][1] + 1)


def append_many(
    *, agency: Agency, actor: User | None, events: Sequence[Event]
) -> list[LedgerEntry]:
    """:func:`append_batch`, returning the saved entries (one more query)."""
    indices = append_batch(agency=agency, actor=actor, events=events)
    if not indices:
        return []
    return list(
        LedgerEntry.objects.filter(
            agency=agency, index__gte=indices.start, index__lt=indices.stop
        ).order_by("index")
    )


def _canonical_payloads(events: Sequence[Event]) -> list[bytes]:
    """Check every event and canonicalise its payload before taking the lock."""
    payloads = []
    for event in events:
        try:
            check_event(event.kind, event.subject, event.payload)
            payloads.append(canonical_bytes(event.payload))
        except RecordError as exc:
            raise LedgerError(
                "无法写入记录账本：记录内容格式不正确。", log_message=str(exc)
            ) from exc
    return payloads


# LedgerEntry's concrete columns in declaration order (a test keeps this in step with the model).
ENTRY_COLUMNS = (
    "agency_id", "index", "kind", "subject", "actor_id", "actor_username", "recorded_at",
    "leaf_data", "leaf_hash", "seal",
)  # fmt: skip


def _append(
    agency: Agency, actor: User | None, events: Sequence[Event], *, raw_time: bool
) -> list[list[Any]]:
    """Add the events' leaves under the agency's lock; return their entry rows (ENTRY_COLUMNS
    order) for the caller to insert in the same transaction. Subtree rows and the head are
    written here. ``raw_time``: the time as the backend stores it (for raw inserts).

    Per entry this is the record's bytes, one SHA-256 and the tree's right edge; the seal (an
    HMAC over the tree head) is per append, on its last entry — see ``LedgerEntry.seal``.
    """
    if not events:
        return []
    payloads = _canonical_payloads(events)
    key = signing.seal_key()
    agency_id, slug = agency.pk, agency.slug
    actor_id = actor.pk if actor is not None else None
    username = actor.get_username() if actor is not None else ""
    sha256 = hashlib.sha256
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("_append runs inside the caller's atomic block")
    head = _locked_head(agency)
    frontier = Frontier.from_bytes(head.size, bytes(head.frontier))
    # The clock is read under the lock, so times never run backwards along the log.
    now = timezone.now()
    time_text = shanghai_iso(now)
    stored_time: Any = connection.ops.adapt_datetimefield_value(now) if raw_time else now
    completed: list[tuple[int, int, bytes]] = []
    rows: list[list[Any]] = []
    append_leaf = frontier.append
    triples = [(e.kind, e.subject, p) for e, p in zip(events, payloads, strict=True)]
    records = append_records(frontier.size, slug, actor_id, username, time_text, triples)
    for event, data in zip(events, records, strict=True):
        index = frontier.size
        leaf = sha256(b"\x00" + data).digest()
        append_leaf(leaf, completed)
        rows.append(
            [agency_id, index, event.kind, event.subject, actor_id, username, stored_time,
             data, leaf, None]
        )  # fmt: skip
    rows[-1][-1] = signing.seal_head(key, slug, frontier.size, frontier.root())
    nodes = [
        (agency_id, level, position, value)
        for level, position, value in completed
        if level >= NODE_MIN_LEVEL
    ]
    if nodes:
        _executemany(LedgerNode._meta.db_table, ("agency_id", "level", "position", "hash"), nodes)
    head.size = frontier.size
    head.frontier = frontier.to_bytes()
    head.save(update_fields=["size", "frontier"])
    return rows


def _executemany(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from model _meta
        quote(table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _locked_head(agency: Agency) -> LedgerHead:
    """Lock the agency's head row, creating it on the first append.

    The row lock is what orders concurrent appends on PostgreSQL: the second writer waits here
    until the first commits, then reads the size the first one wrote. (SQLite takes the database
    write lock at BEGIN IMMEDIATE, so writers are already serial there.)
    """
    try:
        return LedgerHead.objects.select_for_update().get(agency=agency)
    except LedgerHead.DoesNotExist:
        LedgerHead.objects.bulk_create([LedgerHead(agency=agency)], ignore_conflicts=True)
        return LedgerHead.objects.select_for_update().get(agency=agency)


def _root_from_nodes(agency: Agency, head: LedgerHead) -> bytes:
    """The root from the stored subtrees, cross-checked with the head's cached right edge.

    The head row is mutable (it is the lock), so the platform never signs what it alone says:
    if the two disagree someone has edited one of them, and signing either would be wrong.
    """
    keys = root_keys(head.size)
    nodes = fetch_nodes(agency, set(keys))
    cached = Frontier.from_bytes(head.size, bytes(head.frontier))
    if [nodes.get(key) for key in keys] != cached.hashes:
        logger.error("ledger %s: head frontier disagrees with stored subtrees", agency.slug)
        raise LedgerError(
            "账本数据不一致，已拒绝签名检查点；请运行 sanxiang ledger verify。",
            log_message=f"{agency.slug}: head frontier disagrees with stored subtrees",
        )
    return cached.root()


def create_checkpoint(*, agency: Agency) -> Checkpoint | None:
    """Sign the agency's current tree head if the log grew since the last checkpoint.

    Returns the new checkpoint, or None when the latest one already covers every entry (or the
    log is empty). Signing is by the platform, not a user, so there is no acting user here.
    """
    signer = signing.current_signer()
    with transaction.atomic():
        head = _locked_head(agency)
        if head.size == 0:
            return None
        latest = Checkpoint.objects.filter(agency=agency).order_by("-tree_size").first()
        if latest is not None and latest.tree_size >= head.size:
            return None
        root = _root_from_nodes(agency, head)
        checkpoint = Checkpoint(
            agency=agency,
            tree_size=head.size,
            root_hash=root,
            created_at=timezone.now(),
            algorithm=signer.algorithm,
            key_id=signer.key_id,
            signature=b"",
        )
        checkpoint.signature = signer.sign(signed_message(checkpoint_body(checkpoint)))
        checkpoint.save(force_insert=True)
    logger.info("ledger checkpoint %s size=%d", agency.slug, checkpoint.tree_size)
    return checkpoint
