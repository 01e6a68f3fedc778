"""``verify`` splits a long log into chunks that worker processes check (PostgreSQL here: an
in-memory SQLite test database cannot be shared with other processes). Same verdicts either way."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator

import pytest
from django.db import connection

from sanxiang.accounts.models import User
from sanxiang.ledger import services, verification
from sanxiang.ledger.models import LedgerEntry
from sanxiang.ledger.records import record_bytes, shanghai_iso
from sanxiang.ledger.tests.helpers import drop_triggers, run_json, sql
from sanxiang.registry.models import Agency

TRIGGERS = importlib.import_module(
    "sanxiang.ledger.migrations.0003_leaf_data_batch_seals_key_rotation"
)


class _Editor:
    def __init__(self) -> None:
        self.connection = connection

    def execute(self, statement: str, params: object = None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(statement)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Forked workers inherit these module globals.
    monkeypatch.setattr(verification, "CHUNK_LEVEL", 4)
    monkeypatch.setattr(verification, "CHUNK", 16)
    monkeypatch.setattr(verification, "MIN_PARALLEL_CHUNKS", 2)
    yield
    # This test commits (transaction=True): put back the triggers it dropped as the attacker.
    TRIGGERS.create_triggers(None, _Editor())


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_and_sequential_passes_agree(
    small_chunks: None,
    monkeypatch: pytest.MonkeyPatch,
    agency_a: Agency,
    agency_b: Agency,
    officer_a: User,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("worker processes need a database they can connect to")
    for start in range(0, 70, 14):
        services.append_batch(
            agency=agency_a,
            actor=officer_a,
            events=[
                services.Event(kind="case.record.added", subject=f"r:{i}", payload={"i": i})
                for i in range(start, start + 14)
            ],
        )
        services.create_checkpoint(agency=agency_a)
    services.append(agency=agency_b, kind="case.record.added", subject="b", actor=None, payload={})
    monkeypatch.setenv("SANXIANG_LEDGER_VERIFY_WORKERS", "2")
    assert verification._workers(5) == 2, threading.enumerate()  # no stray thread forks
    code, report = run_json("verify", "--json")
    assert code == 0 and report["ok"], report

    drop_triggers()
    entry = LedgerEntry.objects.get(agency=agency_a, index=37)
    data = record_bytes(
        37, agency_a.slug, entry.kind, entry.subject, entry.actor_id, entry.actor_username,
        shanghai_iso(entry.recorded_at), '{"i":"changed"}',
    )  # fmt: skip
    sql("UPDATE ledger_ledgerentry SET leaf_data = %s WHERE id = %s", [data, entry.pk])
    verdicts = []
    for workers in ("2", "1"):
        monkeypatch.setenv("SANXIANG_LEDGER_VERIFY_WORKERS", workers)
        code, report = run_json("verify", "--json")
        assert code == 1
        by_slug = {item["agency"]: item for item in report["agencies"]}
        assert by_slug[agency_b.slug]["ok"]
        verdicts.append(by_slug[agency_a.slug]["problems"][0])
    assert verdicts[0] == verdicts[1]
    assert (verdicts[0]["index"], verdicts[0]["problem"]) == (37, "changed_record")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_no_fork_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("worker processes need a database they can connect to")
    monkeypatch.setenv("SANXIANG_LEDGER_VERIFY_WORKERS", "2")
    assert verification._workers(5) == 2, threading.enumerate()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, name="a server's worker thread")
    other.start()
    try:
        assert verification._workers(5) == 1
    finally:
        stop.set()
        other.join()
    assert verification._workers(5) == 2
