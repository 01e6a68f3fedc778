"""Writes to the ledger: append entries (inside the caller's transaction) and sign checkpoints."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from sanxiang.accounts.models import User
from sanxiang.core.errors import SanxiangError
from sanxiang.ledger import signing
from sanxiang.ledger.checkpoints import checkpoint_body, signed_message
from sanxiang.ledger.merkle import Frontier, leaf_hash
from sanxiang.ledger.models import Checkpoint, LedgerEntry, LedgerHead, LedgerNode
from sanxiang.ledger.records import Record, RecordError, canonical_json, check_event, shanghai_iso
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
    prepared = []
    for event in events:
        try:
            check_event(event.kind, event.subject, event.payload)
            prepared.append((event, canonical_json(event.payload)))
        except RecordError as exc:
            raise LedgerError(
                "无法写入记录账本：记录内容格式不正确。", log_message=str(exc)
            ) from exc
    key = signing.seal_key()
    # A savepoint when the caller has a transaction, a transaction when it has none.
    with transaction.atomic():
        head = _locked_head(agency)
        frontier = Frontier.from_bytes(head.size, bytes(head.frontier))
        now = timezone.now()
        time_text = shanghai_iso(now)
        entries: list[LedgerEntry] = []
        completed: list[tuple[int, int, bytes]] = []
        actor_id = actor.pk if actor is not None else None
        actor_username = actor.get_username() if actor is not None else ""
        for event, payload_json in prepared:
            record = Record(
                index=frontier.size,
                agency=agency.slug,
                kind=event.kind,
                subject=event.subject,
                actor_id=actor_id,
                actor_username=actor_username,
                time=time_text,
                payload_json=payload_json,
            )
            leaf = leaf_hash(record.to_bytes())
            entries.append(
                LedgerEntry(
                    agency=agency,
                    index=record.index,
                    kind=record.kind,
                    subject=record.subject,
                    actor_id=actor_id,
                    actor_username=actor_username,
                    recorded_at=now,
                    payload_json=payload_json,
                    leaf_hash=leaf,
                    seal=signing.seal(leaf, key),
                )
            )
            frontier.append(leaf, completed)
        LedgerEntry.objects.bulk_create(entries)
        LedgerNode.objects.bulk_create(
            [LedgerNode(agency=agency, level=lv, position=pos, hash=h) for lv, pos, h in completed]
        )
        head.size = frontier.size
        head.frontier = frontier.to_bytes()
        head.save(update_fields=["size", "frontier"])
    return entries


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
        root = Frontier.from_bytes(head.size, bytes(head.frontier)).root()
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
