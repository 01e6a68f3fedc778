"""Migration 0003 on a log written before it: leaf bytes backfilled from the old columns, the
per-entry seals still accepted, new appends sealed per batch, triggers on every ledger table."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from sanxiang.ledger import merkle, services, signing
from sanxiang.ledger.models import LedgerEntry
from sanxiang.ledger.records import canonical_json, record_bytes, shanghai_iso
from sanxiang.ledger.tests.helpers import run_json
from sanxiang.registry.models import Agency

BEFORE = ("ledger", "0002_append_only_triggers")
AFTER = ("ledger", "0003_leaf_data_batch_seals_key_rotation")
LATEST = ("ledger", "0004_refuse_truncate")


def _migrate(target: tuple[str, str]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


@pytest.mark.django_db(transaction=True)
def test_0003_backfills_leaf_bytes_and_keeps_old_seals(
    agency_a: Agency, agency_b: Agency, ledger_flushable: None
) -> None:
    _migrate(BEFORE)
    try:
        key = signing.seal_key()
        now = timezone.now()
        frontier = merkle.Frontier()
        completed: list[tuple[int, int, bytes]] = []
        with connection.cursor() as cursor:
            for i in range(20):
                payload = canonical_json({"n": i, "笔录": "询问"})
                data = record_bytes(
                    i, agency_a.slug, "case.record.added", f"r:{i}", None, "",
                    shanghai_iso(now), payload,
                )  # fmt: skip
                leaf = merkle.leaf_hash(data)
                frontier.append(leaf, completed)
                cursor.execute(
                    'INSERT INTO ledger_ledgerentry (agency_id, "index", kind, subject, '
                    "actor_id, actor_username, recorded_at, payload_json, leaf_hash, seal) "
                    "VALUES (%s, %s, %s, %s, NULL, '', %s, %s, %s, %s)",
                    [
                        agency_a.pk, i, "case.record.added", f"r:{i}",
                        connection.ops.adapt_datetimefield_value(now), payload, leaf,
                        hmac.digest(key, leaf, hashlib.sha256),
                    ],
                )  # fmt: skip
            for level, position, value in completed:
                cursor.execute(
                    "INSERT INTO ledger_ledgernode (agency_id, level, position, hash) "
                    "VALUES (%s, %s, %s, %s)",
                    [agency_a.pk, level, position, value],
                )
            cursor.execute(
                "INSERT INTO ledger_ledgerhead (agency_id, size, frontier) VALUES (%s, %s, %s)",
                [agency_a.pk, frontier.size, frontier.to_bytes()],
            )
    finally:
        _migrate(AFTER)
        # And on to the latest ledger migration (0004's TRUNCATE triggers), as other tests expect.
        _migrate(LATEST)

    entry = LedgerEntry.objects.get(agency=agency_a, index=7)
    assert bytes(entry.leaf_hash) == merkle.leaf_hash(bytes(entry.leaf_data))
    assert entry.payload == {"n": 7, "笔录": "询问"}
    code, report = run_json("verify", "--json")
    assert code == 0 and report["ok"], report

    services.append_batch(
        agency=agency_a,
        actor=None,
        events=[services.Event(kind="case.record.added", subject=f"r:{i}") for i in range(20, 40)],
    )
    services.create_checkpoint(agency=agency_a)
    assert LedgerEntry.objects.filter(agency=agency_a, seal__isnull=True).count() == 19
    code, report = run_json("verify", "--json")
    assert code == 0 and report["ok"], report
    for table in ("ledger_ledgerentry", "ledger_ledgernode", "ledger_checkpoint"):
        with pytest.raises(DatabaseError), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")
    assert not LedgerEntry.objects.filter(agency=agency_b).exists()
