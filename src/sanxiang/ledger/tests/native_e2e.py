"""Run by ``test_native_verify.py`` in a process of its own: the whole ``verify`` on a SQLite
*file* (the compiled scan needs one; the test database is in memory), with the scan and without,
one process and two, over a log per tamper scenario. Prints the reports as JSON.

    python -m sanxiang.ledger.tests.native_e2e   # with SANXIANG_VAR_DIR set to an empty dir
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanxiang.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(json.dumps(run(), ensure_ascii=False))


SCENARIOS = (
    "intact",
    "payload",
    "subject",
    "kind",
    "time",
    "deleted",
    "swapped",
    "truncated",
    "leaf_hash",
    "seal",
    "non_ascii_subject",
)


def run() -> dict[str, Any]:
    from sanxiang.accounts.models import User
    from sanxiang.ledger import services, verification
    from sanxiang.ledger.models import LedgerEntry
    from sanxiang.ledger.records import record_bytes, shanghai_iso
    from sanxiang.ledger.tests.helpers import drop_triggers, sql
    from sanxiang.registry.models import Agency

    # Chunks of 16 entries: a 50-entry log has four, two for each of two processes.
    verification.CHUNK_LEVEL = 4
    verification.CHUNK = 16
    verification.MIN_PARALLEL_CHUNKS = 2

    def event(i: int, subject: str | None = None) -> services.Event:
        return services.Event(
            "case.record.added", subject or f"cases.Record:{i}", {"n": i, "text": "询问笔录" * 5}
        )

    logs: dict[str, Agency] = {}
    for number, name in enumerate(SCENARIOS):
        agency = Agency.objects.create(slug=f"e2e-{number}", name=f"测试机关{number}")
        user = User.objects.create_user(username=f"officer-{number}", password="x", agency=agency)
        services.append_batch(agency=agency, actor=None, events=[event(i) for i in range(20)])
        services.create_checkpoint(agency=agency)
        for i in range(20, 32):
            subject = "案件:甲" if name == "non_ascii_subject" and i == 25 else None
            e = event(i, subject)
            services.append(
                agency=agency, kind=e.kind, subject=e.subject, actor=user, payload=e.payload
            )
        services.append_batch(agency=agency, actor=None, events=[event(i) for i in range(32, 47)])
        services.create_checkpoint(agency=agency)
        services.append_batch(agency=agency, actor=user, events=[event(i) for i in range(47, 50)])
        logs[name] = agency

    drop_triggers()

    def row(name: str, index: int) -> LedgerEntry:
        return LedgerEntry.objects.get(agency=logs[name], index=index)

    entry = row("payload", 20)
    forged = record_bytes(
        20, entry.agency.slug, entry.kind, entry.subject, entry.actor_id, entry.actor_username,
        shanghai_iso(entry.recorded_at), '{"n":20,"text":"改过的笔录"}',
    )  # fmt: skip
    sql("UPDATE ledger_ledgerentry SET leaf_data = %s WHERE id = %s", [forged, entry.pk])
    sql("UPDATE ledger_ledgerentry SET subject = 'x:1' WHERE id = %s", [row("subject", 33).pk])
    sql("UPDATE ledger_ledgerentry SET kind = 'case.closed' WHERE id = %s", [row("kind", 5).pk])
    sql(
        "UPDATE ledger_ledgerentry SET recorded_at = '2026-01-01 00:00:00.000001' WHERE id = %s",
        [row("time", 40).pk],
    )
    sql("DELETE FROM ledger_ledgerentry WHERE id = %s", [row("deleted", 18).pk])
    first, second = row("swapped", 21), row("swapped", 22)
    sql('UPDATE ledger_ledgerentry SET "index" = -1 WHERE id = %s', [first.pk])
    sql('UPDATE ledger_ledgerentry SET "index" = 21 WHERE id = %s', [second.pk])
    sql('UPDATE ledger_ledgerentry SET "index" = 22 WHERE id = %s', [first.pk])
    sql(
        'DELETE FROM ledger_ledgerentry WHERE agency_id = %s AND "index" >= 47',
        [logs["truncated"].pk],
    )
    sql(
        "UPDATE ledger_ledgerentry SET leaf_hash = %s WHERE id = %s",
        [b"\x07" * 32, row("leaf_hash", 25).pk],
    )
    sql("UPDATE ledger_ledgerentry SET seal = %s WHERE id = %s", [b"\x07" * 32, row("seal", 46).pk])

    answered = 0
    scan = verification._native.scan  # type: ignore[union-attr]

    def counting(*args: Any) -> Any:
        nonlocal answered
        result = scan(*args)
        answered += result is not None
        return result

    verification._native.scan = counting  # type: ignore[union-attr]

    def report(agency: Agency, native: str, workers: str) -> dict[str, Any]:
        os.environ["SANXIANG_LEDGER_NATIVE"] = native
        os.environ["SANXIANG_LEDGER_VERIFY_WORKERS"] = workers
        with verification.bulk_reads():
            return verification.verify_agency(agency).as_json()

    results: dict[str, Any] = {"fork": fork_check(logs["intact"])}
    for name, agency in logs.items():
        answered = 0
        native = report(agency, "1", "1")
        results[name] = {
            "native": native,
            "native_chunks": answered,
            "python": report(agency, "0", "1"),
            "parallel_native": report(agency, "1", "2"),
        }
    return results


def fork_check(agency: Any) -> dict[str, Any]:
    """The scan's connection, cached in this process, is not used by a forked child: the child
    opens its own, and the parent's goes on working. (verify closes it before forking anyway.)"""
    from django.db import connection

    from sanxiang.ledger import verification
    from sanxiang.ledger.records import RECORD_VERSION, json_string

    native = verification._native
    assert native is not None
    args = (
        os.fspath(connection.settings_dict["NAME"]),
        verification._native_sql(),
        agency.pk,
        0,
        50,
        json_string(agency.slug).encode(),
        RECORD_VERSION,
    )
    before = native.scan(*args)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child leaves through os._exit
        code = 1
        try:
            code = 0 if native.scan(*args) == before else 2
        finally:
            os.write(write_fd, bytes([code]))
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        child = pipe.read()
    os.waitpid(pid, 0)
    native.close()
    return {
        "answered": before is not None and before[0] == 50,
        "child": list(child),
        "parent_after": native.scan(*args) == before,
    }


if __name__ == "__main__":
    sys.exit(main())
