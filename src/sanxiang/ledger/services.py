"""Writes to the ledger: append entries (inside the caller's transaction) and sign checkpoints."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from sanxiang.accounts.models import User
from sanxiang.core.errors import SanxiangError
from sanxiang.ledger import signing
from sanxiang.ledger.checkpoints import checkpoint_body, signed_message
from sanxiang.ledger.merkle import Frontier, leaf_hash, root_keys
from sanxiang.ledger.models import Checkpoint, LedgerEntry, LedgerHead, LedgerNode
from sanxiang.ledger.records import (
    RecordError,
    canonical_json,
    check_event,
    record_bytes,
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
    return append_many(
        agency=agency, actor=actor, events=[Event(kind=kind, subject=subject, payload=payload)]
    )[0]


def append_many(
    *, agency: Agency, actor: User | None, events: Sequence[Event]
) -> list[LedgerEntry]:
    """Append several events in order under one lock (imports, batches); same guarantees."""
    if not events:
        return []
    payloads = _canonical_payloads(events)
    key = signing.seal_key()
    # A savepoint when the caller has a transaction, a transaction when it has none.
    with transaction.atomic():
        head = _locked_head(agency)
        frontier = Frontier.from_bytes(head.size, bytes(head.frontier))
        # The clock is read under the lock, so times never run backwards along the log.
        now = timezone.now()
        batch = _Batch.of(agency, actor, now, key)
        completed: list[tuple[int, int, bytes]] = []
        rows = [
            batch.row(event, payload, frontier, completed)
            for event, payload in zip(events, payloads, strict=True)
        ]
        entries = _insert(agency, rows, completed)
        head.size = frontier.size
        head.frontier = frontier.to_bytes()
        head.save(update_fields=["size", "frontier"])
    return entries


def _canonical_payloads(events: Sequence[Event]) -> list[str]:
    """Check every event and canonicalise its payload before taking the lock."""
    payloads = []
    for event in events:
        try:
            check_event(event.kind, event.subject, event.payload)
            payloads.append(canonical_json(event.payload))
        except RecordError as exc:
            raise LedgerError(
                "无法写入记录账本：记录内容格式不正确。", log_message=str(exc)
            ) from exc
    return payloads


@dataclass(frozen=True)
class _Batch:
    """What every entry of one append shares: agency, actor, time, seal key."""

    agency_id: int
    slug: str
    actor_id: int | None
    actor_username: str
    now: datetime
    time_text: str
    key: bytes

    @classmethod
    def of(cls, agency: Agency, actor: User | None, now: datetime, key: bytes) -> _Batch:
        return cls(
            agency_id=agency.pk,
            slug=agency.slug,
            actor_id=actor.pk if actor is not None else None,
            actor_username=actor.get_username() if actor is not None else "",
            now=now,
            time_text=shanghai_iso(now),
            key=key,
        )

    def row(
        self,
        event: Event,
        payload_json: str,
        frontier: Frontier,
        completed: list[tuple[int, int, bytes]],
    ) -> tuple[Any, ...]:
        """The entry's column values (ENTRY_COLUMNS order); adds its leaf to ``frontier``."""
        index = frontier.size
        data = record_bytes(
            index, self.slug, event.kind, event.subject, self.actor_id, self.actor_username,
            self.time_text, payload_json,
        )  # fmt: skip
        leaf = leaf_hash(data)
        frontier.append(leaf, completed)
        return (
            self.agency_id, index, event.kind, event.subject, self.actor_id,
            self.actor_username, self.now, payload_json, leaf, signing.seal(leaf, self.key),
        )  # fmt: skip


# LedgerEntry's concrete fields in declaration order (a test keeps this in step with the model):
# batches build instances positionally, which skips Django's slower keyword path.
ENTRY_COLUMNS = (
    "agency_id", "index", "kind", "subject", "actor_id", "actor_username", "recorded_at",
    "payload_json", "leaf_hash", "seal",
)  # fmt: skip


FIELD_NAMES = ("id", *ENTRY_COLUMNS)


def _insert(
    agency: Agency, rows: list[tuple[Any, ...]], completed: list[tuple[int, int, bytes]]
) -> list[LedgerEntry]:
    """Write the new rows and return them as saved entries.

    A batch goes in as multi-row INSERT … RETURNING statements built here: the ORM's per-object
    work would otherwise cost more than hashing and inserting (see bench/ledger.py).
    """
    if len(rows) == 1:
        entry = LedgerEntry(**dict(zip(ENTRY_COLUMNS, rows[0], strict=True)))
        entry.save(force_insert=True)
        entries = [entry]
    else:
        recorded_at = connection.ops.adapt_datetimefield_value(rows[0][6])
        ids = _insert_returning_ids([(*row[:6], recorded_at, *row[7:]) for row in rows])
        # from_db: Django's own way to make saved instances from column values, positionally.
        entries = [
            LedgerEntry.from_db(connection.alias, FIELD_NAMES, (ids[row[1]], *row)) for row in rows
        ]
    if completed:
        _executemany(
            LedgerNode._meta.db_table,
            ["agency_id", "level", "position", "hash"],
            [(agency.pk, level, position, value) for level, position, value in completed],
        )
    return entries


ROWS_PER_STATEMENT = 1000  # 10 000 parameters: under SQLite's and PostgreSQL's limits


def _insert_returning_ids(rows: list[tuple[Any, ...]]) -> dict[int, int]:
    """Insert entry rows; return {index: id}. Matched by index, not by RETURNING's row order."""
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608 - names from model _meta
        quote(LedgerEntry._meta.db_table), ", ".join(quote(c) for c in ENTRY_COLUMNS)
    )
    one = "(" + ", ".join(["%s"] * len(ENTRY_COLUMNS)) + ")"
    ids: dict[int, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            part = rows[start : start + ROWS_PER_STATEMENT]
            cursor.execute(
                head + ", ".join([one] * len(part)) + f" RETURNING {quote('index')}, id",
                [value for row in part for value in row],
            )
            ids.update(cursor.fetchall())
    return ids


def _executemany(table: str, columns: list[str], rows: Sequence[Sequence[Any]]) -> None:
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
