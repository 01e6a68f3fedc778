"""The tamper suite: an attacker with direct database access drops the triggers and edits rows
with raw SQL; ``sanxiang ledger verify`` must catch each change and name the first bad index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytest_django.fixtures import Settings

from sanxiang.accounts.models import User
from sanxiang.ledger import merkle, services
from sanxiang.ledger.models import LedgerEntry
from sanxiang.ledger.records import record_bytes, shanghai_iso
from sanxiang.ledger.tests.helpers import drop_triggers, fill, run_json, sql
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def logs(agency_a: Agency, agency_b: Agency, officer_a: User, officer_b: User) -> Agency:
    fill(agency_a, officer_a, 4)
    services.create_checkpoint(agency=agency_a)
    fill(agency_a, officer_a, 6, start=4)
    services.create_checkpoint(agency=agency_a)
    fill(agency_b, officer_b, 5)
    services.create_checkpoint(agency=agency_b)
    code, report = run_json("verify", "--json")
    assert code == 0 and report["ok"], report
    drop_triggers()
    return agency_a


def _verdict(agency: Agency) -> dict[str, object]:
    code, report = run_json("verify", "--json")
    assert code == 1
    assert report["ok"] is False
    by_slug = {item["agency"]: item for item in report["agencies"]}
    # The other agency's log is untouched and still verifies.
    assert [slug for slug, item in by_slug.items() if not item["ok"]] == [agency.slug]
    result: dict[str, object] = by_slug[agency.slug]
    return result


def _first(agency: Agency) -> tuple[int, str]:
    verdict = _verdict(agency)
    problems = verdict["problems"]
    assert isinstance(problems, list)
    assert verdict["first_bad_index"] == problems[0]["index"]
    return problems[0]["index"], problems[0]["problem"]


def _id(agency: Agency, index: int) -> int:
    return LedgerEntry.objects.get(agency=agency, index=index).pk


def _rewritten(entry: LedgerEntry, payload_json: str) -> bytes:
    """The entry's leaf bytes with another payload: what an attacker would write."""
    return record_bytes(
        entry.index, entry.agency.slug, entry.kind, entry.subject, entry.actor_id,
        entry.actor_username, shanghai_iso(entry.recorded_at), payload_json,
    )  # fmt: skip


def test_changed_payload(logs: Agency) -> None:
    entry = LedgerEntry.objects.get(agency=logs, index=3)
    sql(
        "UPDATE ledger_ledgerentry SET leaf_data = %s WHERE id = %s",
        [_rewritten(entry, '{"n":3,"step":"调查取证","text":"改过的笔录"}'), entry.pk],
    )
    assert _first(logs) == (3, "changed_record")


def test_changed_subject_past_the_last_checkpoint(logs: Agency, officer_a: User) -> None:
    fill(logs, officer_a, 3, start=10)
    sql("UPDATE ledger_ledgerentry SET subject = 'x:1' WHERE id = %s", [_id(logs, 11)])
    assert _first(logs) == (11, "changed_record")


def test_deleted_entry(logs: Agency) -> None:
    sql("DELETE FROM ledger_ledgerentry WHERE id = %s", [_id(logs, 5)])
    assert _first(logs) == (5, "missing_entry")


def test_swapped_rows(logs: Agency) -> None:
    a, b = _id(logs, 2), _id(logs, 6)
    sql('UPDATE ledger_ledgerentry SET "index" = -1 WHERE id = %s', [a])
    sql('UPDATE ledger_ledgerentry SET "index" = 2 WHERE id = %s', [b])
    sql('UPDATE ledger_ledgerentry SET "index" = 6 WHERE id = %s', [a])
    index, problem = _first(logs)
    assert (index, problem) == (2, "reordered")


def test_swapped_contents(logs: Agency) -> None:
    a, b = (
        LedgerEntry.objects.get(agency=logs, index=2),
        LedgerEntry.objects.get(agency=logs, index=6),
    )
    update = (
        "UPDATE ledger_ledgerentry SET leaf_data = %s, subject = %s, recorded_at = %s WHERE id = %s"
    )
    sql(update, [bytes(b.leaf_data), b.subject, b.recorded_at, a.pk])
    sql(update, [bytes(a.leaf_data), a.subject, a.recorded_at, b.pk])
    assert _first(logs) == (2, "reordered")


def test_forged_entry_with_a_correct_leaf_hash(logs: Agency) -> None:
    """The attacker replaces entry 4 with a forgery whose leaf hash is right but unsealed."""
    original = LedgerEntry.objects.get(agency=logs, index=4)
    sql("DELETE FROM ledger_ledgerentry WHERE id = %s", [original.pk])
    data = _rewritten(original, '{"n":4,"step":"调查取证","text":"伪造的笔录"}')
    LedgerEntry(
        agency=logs,
        index=4,
        kind=original.kind,
        subject=original.subject,
        actor_id=original.actor_id,
        actor_username=original.actor_username,
        recorded_at=original.recorded_at,
        leaf_data=data,
        leaf_hash=merkle.leaf_hash(data),
        seal=b"\x00" * 32,
    ).save(force_insert=True)
    assert _first(logs) == (4, "forged")


def test_forged_entry_appended_at_the_end(logs: Agency) -> None:
    sql(
        'INSERT INTO ledger_ledgerentry (agency_id, "index", kind, subject, actor_id, '
        "actor_username, recorded_at, leaf_data, leaf_hash, seal) "
        "SELECT agency_id, 10, kind, subject, actor_id, actor_username, recorded_at, "
        "leaf_data, leaf_hash, seal FROM ledger_ledgerentry WHERE id = %s",
        [_id(logs, 9)],
    )
    # A copy of entry 9, hash and seal included, at index 10: sealed, but for index 9.
    assert _first(logs) == (10, "forged")


def test_truncated_tail(logs: Agency) -> None:
    sql('DELETE FROM ledger_ledgerentry WHERE agency_id = %s AND "index" >= 7', [logs.pk])
    assert _first(logs) == (7, "missing_entry")


def test_truncated_tail_with_head_and_nodes_cleaned(logs: Agency) -> None:
    sql('DELETE FROM ledger_ledgerentry WHERE agency_id = %s AND "index" >= 7', [logs.pk])
    sql("DELETE FROM ledger_ledgernode WHERE agency_id = %s", [logs.pk])
    sql("UPDATE ledger_ledgerhead SET size = 7 WHERE agency_id = %s", [logs.pk])
    # The checkpoint of size 10 still says the log had 10 entries.
    assert _first(logs) == (7, "missing_entry")


def test_replaced_checkpoint_signature(logs: Agency) -> None:
    sql(
        "UPDATE ledger_checkpoint SET signature = %s WHERE agency_id = %s AND tree_size = 4",
        [b"\x01" * 64, logs.pk],
    )
    assert _first(logs) == (3, "bad_signature")


def test_replaced_checkpoint_root(logs: Agency) -> None:
    sql(
        "UPDATE ledger_checkpoint SET root_hash = %s WHERE agency_id = %s AND tree_size = 10",
        [merkle.EMPTY_ROOT, logs.pk],
    )
    verdict = _verdict(logs)
    problems = {(p["index"], p["problem"]) for p in verdict["problems"]}  # type: ignore[attr-defined]
    assert problems == {(9, "bad_signature"), (4, "root_mismatch")}


def test_changed_subtree_hash(logs: Agency, officer_a: User) -> None:
    """Subtrees are stored from level 4 (16 leaves) up; 40 entries store (4, 0), (4, 1), (5, 0)."""
    services.append_batch(
        agency=logs,
        actor=officer_a,
        events=[
            services.Event(kind="case.record.added", subject=f"cases.Record:{i}", payload={})
            for i in range(10, 40)
        ],
    )
    sql(
        "UPDATE ledger_ledgernode SET hash = %s "
        "WHERE agency_id = %s AND level = 4 AND position = 1",
        [merkle.EMPTY_ROOT, logs.pk],
    )
    assert _first(logs) == (16, "tree_mismatch")


def test_recomputed_hashes_do_not_help_the_attacker(logs: Agency) -> None:
    """Change a record and fix up its leaf hash: the seal (keyed) over the tree head that its
    append left no longer matches, and names the entry."""
    entry = LedgerEntry.objects.get(agency=logs, index=1)
    data = _rewritten(entry, '{"n":1,"step":"调查取证","text":"改"}')
    sql(
        "UPDATE ledger_ledgerentry SET leaf_data = %s, leaf_hash = %s WHERE id = %s",
        [data, merkle.leaf_hash(data), entry.pk],
    )
    assert _first(logs) == (1, "forged")


def test_a_changed_record_under_a_stored_subtree_is_named(logs: Agency, officer_a: User) -> None:
    """In a batch (one seal for 30 entries) the stored leaf hash names the changed record."""
    services.append_batch(
        agency=logs,
        actor=officer_a,
        events=[
            services.Event(kind="case.record.added", subject=f"cases.Record:{i}", payload={})
            for i in range(10, 40)
        ],
    )
    entry = LedgerEntry.objects.get(agency=logs, index=21)
    sql(
        "UPDATE ledger_ledgerentry SET leaf_data = %s WHERE id = %s",
        [_rewritten(entry, '{"n":21}'), entry.pk],
    )
    assert _first(logs) == (21, "changed_record")


def test_a_rewritten_tail_past_the_last_checkpoint_breaks_the_seal(
    logs: Agency, officer_a: User
) -> None:
    """Past the last checkpoint only the seal protects: the attacker rewrites entry 11's bytes,
    leaf hash and every stored subtree and the head, but cannot make the HMAC seal."""
    fill(logs, officer_a, 2, start=10)
    entry = LedgerEntry.objects.get(agency=logs, index=11)
    data = _rewritten(entry, '{"n":11,"step":"调查取证","text":"改"}')
    sql(
        "UPDATE ledger_ledgerentry SET leaf_data = %s, leaf_hash = %s WHERE id = %s",
        [data, merkle.leaf_hash(data), entry.pk],
    )
    leaves = [
        bytes(h)
        for h in LedgerEntry.objects.filter(agency=logs)
        .order_by("index")
        .values_list("leaf_hash", flat=True)
    ]
    frontier = merkle.Frontier()
    completed: list[tuple[int, int, bytes]] = []
    for leaf in leaves:
        frontier.append(leaf, completed)
    for level, position, value in completed:
        sql(
            "UPDATE ledger_ledgernode SET hash = %s "
            "WHERE agency_id = %s AND level = %s AND position = %s",
            [value, logs.pk, level, position],
        )
    sql(
        "UPDATE ledger_ledgerhead SET frontier = %s WHERE agency_id = %s",
        [frontier.to_bytes(), logs.pk],
    )
    assert _first(logs) == (11, "forged")


def test_unsealed_entries_appended_at_the_end_are_forged(logs: Agency) -> None:
    """A well-formed entry 10 with correct hashes, but without the platform's seal."""
    last = LedgerEntry.objects.get(agency=logs, index=9)
    data = record_bytes(
        10, logs.slug, last.kind, "cases.Record:10", last.actor_id, last.actor_username,
        shanghai_iso(last.recorded_at), '{"n":10}',
    )  # fmt: skip
    LedgerEntry(
        agency=logs,
        index=10,
        kind=last.kind,
        subject="cases.Record:10",
        actor_id=last.actor_id,
        actor_username=last.actor_username,
        recorded_at=last.recorded_at,
        leaf_data=data,
        leaf_hash=merkle.leaf_hash(data),
        seal=None,
    ).save(force_insert=True)
    assert _first(logs) == (10, "forged")


def test_human_output_names_the_index(logs: Agency) -> None:
    from sanxiang.ledger.tests.helpers import run

    sql("DELETE FROM ledger_ledgerentry WHERE id = %s", [_id(logs, 5)])
    code, text = run("verify", "--agency", logs.slug)
    assert code == 1
    assert "first bad index 5" in text
    assert "missing entry" in text


def test_deleting_the_head_row_does_not_hide_a_log(logs: Agency) -> None:
    sql("DELETE FROM ledger_ledgerhead WHERE agency_id = %s", [logs.pk])
    sql("DELETE FROM ledger_ledgerentry WHERE id = %s", [_id(logs, 2)])
    assert _first(logs) == (2, "missing_entry")


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("kind", "'case.record.deleted'", "changed_record"),
        ("subject", "'cases.Record:999'", "changed_record"),
        ("actor_username", "'someone_else'", "changed_record"),
        ("actor_id", "NULL", "changed_record"),
        ("leaf_data", "leaf_hash", "changed_record"),
        ("recorded_at", "'2020-01-01 00:00:00'", "changed_record"),
        ("leaf_hash", "seal", "tree_mismatch"),
        ("seal", "leaf_hash", "forged"),
        ('"index"', "1000", "missing_entry"),
    ],
)
def test_any_single_cell_change_is_named(
    logs: Agency, column: str, value: str, problem: str
) -> None:
    sql(f"UPDATE ledger_ledgerentry SET {column} = {value} WHERE id = %s", [_id(logs, 6)])
    assert _first(logs) == (6, problem)


@pytest.mark.parametrize(
    ("column", "value"),
    [("actor_id", "'x'"), ("recorded_at", "'soon'"), ("leaf_data", "CAST(leaf_data AS TEXT)")],
)
def test_a_value_of_another_type_is_named_not_a_crash(
    logs: Agency, column: str, value: str, request: pytest.FixtureRequest
) -> None:
    """SQLite keeps whatever type is written into a column; PostgreSQL refuses it."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's column types refuse these values")
    entry = LedgerEntry.objects.get(agency=logs, index=6)
    sql(f"UPDATE ledger_ledgerentry SET {column} = {value} WHERE id = %s", [entry.pk])
    if column == "actor_id":  # put back after the check: the test database checks foreign keys
        request.addfinalizer(
            lambda: sql(
                "UPDATE ledger_ledgerentry SET actor_id = %s WHERE id = %s",
                [entry.actor_id, entry.pk],
            )
        )
    if column == "leaf_data":  # the same bytes stored as text: the record itself is unchanged
        code, report = run_json("verify", "--json")
        assert code == 0 and report["ok"], report
        return
    assert _first(logs) == (6, "changed_record")


def test_a_username_put_beside_no_actor_is_named(logs: Agency) -> None:
    """A platform entry (no acting user) records ``"actor": null`` and an empty username column;
    a username written into that column later is someone's edit, not a copy of the record."""
    fill(logs, None, 2, start=10)
    sql("UPDATE ledger_ledgerentry SET actor_username = 'officer_a' WHERE id = %s", [_id(logs, 11)])
    assert _first(logs) == (11, "changed_record")


def test_a_replaced_key_file_is_reported_not_silently_accepted(
    logs: Agency, tmp_path: Path, settings: Settings
) -> None:
    """Someone puts another (existing) key file in place: old seals and checkpoints fail."""
    from sanxiang.ledger import signing

    other = tmp_path / "other_key.pem"
    signing.new_key_file(signing.ED25519, other)
    settings.SIGNING_KEY_FILE = other
    verdict = _verdict_all(logs)
    problems = [(p["index"], p["problem"]) for p in verdict[logs.slug]["problems"]]
    assert (0, "forged") in problems
    assert (3, "bad_signature") in problems
    assert "key file was replaced" in verdict[logs.slug]["problems"][0]["detail"]


def _verdict_all(agency: Agency) -> dict[str, Any]:
    code, report = run_json("verify", "--json")
    assert code == 1
    return {item["agency"]: item for item in report["agencies"]}
