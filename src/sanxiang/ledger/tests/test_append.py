"""append(): entries, indices, hashes, rollback, and the database's refusal to change them."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from sanxiang.accounts.models import User
from sanxiang.ledger import merkle, selectors, services
from sanxiang.ledger.models import Checkpoint, LedgerEntry, LedgerHead, LedgerNode
from sanxiang.ledger.records import Record
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db


def _record(entry: LedgerEntry) -> Record:
    from sanxiang.ledger.records import shanghai_iso

    return Record(
        index=entry.index,
        agency=entry.agency.slug,
        kind=entry.kind,
        subject=entry.subject,
        actor_id=entry.actor_id,
        actor_username=entry.actor_username,
        time=shanghai_iso(entry.recorded_at),
        payload_json=entry.payload_json,
    )


def test_indices_are_per_agency_and_gapless(
    agency_a: Agency, agency_b: Agency, officer_a: User, officer_b: User
) -> None:
    first = services.append(
        agency=agency_a, kind="test.thing.created", subject="t:1", actor=officer_a, payload={"n": 1}
    )
    other = services.append(
        agency=agency_b, kind="test.thing.created", subject="t:9", actor=officer_b, payload={}
    )
    second = services.append(
        agency=agency_a, kind="test.thing.changed", subject="t:1", actor=None, payload={"n": 2}
    )
    assert (first.index, second.index, other.index) == (0, 1, 0)
    assert LedgerHead.objects.get(agency=agency_a).size == 2
    assert LedgerHead.objects.get(agency=agency_b).size == 1
    assert second.payload == {"n": 2}


def test_leaf_hash_is_the_jcs_record_and_the_tree_matches_the_rfc(
    agency_a: Agency, agency_b: Agency, officer_a: User
) -> None:
    entries = [
        services.append(
            agency=agency_a,
            kind="test.thing.created",
            subject=f"t:{i}",
            actor=officer_a,
            payload={"名称": "记录", "i": i, "nested": {"b": [1, True, None], "a": "x"}},
        )
        for i in range(40)
    ]
    leaves = []
    for entry in LedgerEntry.objects.filter(agency=agency_a).order_by("index"):
        data = _record(entry).to_bytes()
        import rfc8785

        assert data == rfc8785.dumps(_record(entry).as_dict())
        assert bytes(entry.leaf_hash) == merkle.leaf_hash(data)
        leaves.append(merkle.leaf_hash(data))
    assert len(leaves) == len(entries)
    nodes = {
        (n.level, n.position): bytes(n.hash) for n in LedgerNode.objects.filter(agency=agency_a)
    }
    # Subtrees are stored from level 4 up: 40 leaves complete (4, 0), (4, 1) and (5, 0).
    assert set(nodes) == {(4, 0), (4, 1), (5, 0)}
    for (level, position), value in nodes.items():
        first = position << level
        assert value == merkle.root_from_leaves(leaves[first : first + (1 << level)])
    lookup = merkle.lookup_in(selectors.fetch_nodes(agency_a, set(merkle.root_keys(40))))
    assert merkle.root(40, lookup) == merkle.root_from_leaves(leaves)
    assert not LedgerNode.objects.filter(agency=agency_b).exists()


def test_a_failing_write_after_append_rolls_back_both(agency_a: Agency, officer_a: User) -> None:
    class DomainFailure(Exception):
        pass

    with pytest.raises(DomainFailure), transaction.atomic():
        agency_a.name = "改名后的名称"
        agency_a.save(update_fields=["name"])
        services.append(
            agency=agency_a,
            kind="registry.agency.renamed",
            subject="a",
            actor=officer_a,
            payload={},
        )
        raise DomainFailure
    agency_a.refresh_from_db()
    assert agency_a.name == "武汉市人力资源和社会保障局"
    assert not LedgerEntry.objects.exists()
    assert not LedgerNode.objects.exists()


def test_a_bad_event_writes_nothing(agency_a: Agency, officer_a: User) -> None:
    with pytest.raises(services.LedgerError):
        services.append(agency=agency_a, kind="Not A Kind", subject="x", actor=None, payload={})
    with pytest.raises(services.LedgerError):
        services.append(
            agency=agency_a, kind="test.float", subject="x", actor=None, payload={"n": 2**60}
        )
    assert not LedgerEntry.objects.exists()
    assert not LedgerHead.objects.filter(size__gt=0).exists()


@pytest.mark.parametrize("table", ["ledger_ledgerentry", "ledger_ledgernode", "ledger_checkpoint"])
def test_the_database_refuses_update_and_delete(agency_a: Agency, table: str) -> None:
    services.append_batch(
        agency=agency_a,
        actor=None,
        events=[services.Event(kind="test.thing.created", subject=f"t:{i}") for i in range(16)],
    )
    services.create_checkpoint(agency=agency_a)
    assert Checkpoint.objects.count() == 1
    for sql in (f"UPDATE {table} SET agency_id = agency_id", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert LedgerEntry.objects.count() == 16
    assert LedgerNode.objects.count() == 1
    assert Checkpoint.objects.count() == 1


def test_batches_return_saved_entries_in_field_order(agency_a: Agency, officer_a: User) -> None:
    assert ("id", *services.ENTRY_COLUMNS) == tuple(
        f.attname for f in LedgerEntry._meta.concrete_fields
    )
    events = [
        services.Event(kind="test.batch.item", subject=f"b:{i}", payload={"i": i}) for i in range(5)
    ]
    entries = services.append_many(agency=agency_a, actor=officer_a, events=events)
    stored = list(LedgerEntry.objects.filter(agency=agency_a).order_by("index"))
    assert [(e.pk, e.index, e.subject, e.actor_id) for e in entries] == [
        (s.pk, s.index, s.subject, s.actor_id) for s in stored
    ]
    assert [e.index for e in entries] == [0, 1, 2, 3, 4]
    assert all(not e._state.adding for e in entries)
    assert entries[2].payload == {"i": 2}


def test_no_checkpoint_is_signed_over_an_edited_head(agency_a: Agency) -> None:
    for i in range(3):
        services.append(
            agency=agency_a, kind="test.thing.created", subject=f"t:{i}", actor=None, payload={}
        )
    LedgerHead.objects.filter(agency=agency_a).update(frontier=b"\x00" * 64)
    with pytest.raises(services.LedgerError):
        services.create_checkpoint(agency=agency_a)
    assert not Checkpoint.objects.exists()


def test_sm2_checkpoints_verify_and_a_bad_sm2_signature_is_named(
    agency_a: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sanxiang.ledger.tests.helpers import drop_triggers, run_json, sql

    monkeypatch.setenv("SANXIANG_LEDGER_SIGNATURE", "sm2")
    for i in range(5):
        services.append(
            agency=agency_a, kind="test.thing.created", subject=f"t:{i}", actor=None, payload={}
        )
    checkpoint = services.create_checkpoint(agency=agency_a)
    assert checkpoint is not None
    assert checkpoint.algorithm == "sm2" and len(bytes(checkpoint.signature)) == 64
    assert run_json("verify", "--json")[0] == 0
    drop_triggers()
    forged = bytes(checkpoint.signature)[:-1] + bytes([bytes(checkpoint.signature)[-1] ^ 1])
    sql("UPDATE ledger_checkpoint SET signature = %s", [forged])
    code, report = run_json("verify", "--json")
    assert code == 1
    assert report["agencies"][0]["problems"][0]["index"] == 4
    assert report["agencies"][0]["problems"][0]["problem"] == "bad_signature"
