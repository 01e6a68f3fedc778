"""Ingest, retention, holds and disposal through the services (filesystem store)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.db.utils import DatabaseError

from sanxiang.accounts.choices import Role
from sanxiang.cases.tests import factories as f
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.evidence import services
from sanxiang.evidence.choices import BlobStatus
from sanxiang.evidence.models import Blob, Disposal, EvidenceItem, LegalHold
from sanxiang.evidence.store import BlobStore, FilesystemBackend
from sanxiang.evidence.tests.helpers import INSPECTIONS, open_with_record
from sanxiang.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db
AV_META = {"device": "执法记录仪 DSJ-01", "place": "当事人经营场所", "step": "现场检查"}


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(FilesystemBackend(tmp_path / "blobs"))


def _ingest(record, actor, store, data=b"video bytes", **kw):  # type: ignore[no-untyped-def]
    return services.ingest(
        actor=actor, record=record, stream=io.BytesIO(data), filename="现场.mp4",
        media_type="video/mp4", metadata=AV_META, store=store, **kw,
    )  # fmt: skip


def test_ingest_ledgers_the_digest_and_the_metadata(store: BlobStore) -> None:
    case, record, officer = open_with_record("wuhan-rsj")
    _other_case, other_record, other_officer = open_with_record("liuzhou-kjj")
    item = _ingest(record, officer, store, sm3=True)
    entry = LedgerEntry.objects.get(agency=case.agency, index=item.ledger_index)
    payload = json.loads(entry.payload_json)
    assert entry.kind == "evidence.ingested"
    assert payload["sha256"] == hashlib.sha256(b"video bytes").hexdigest() == item.blob.sha256
    assert payload["sm3"] == item.blob.sm3 and len(item.blob.sm3) == 64
    meta = payload["metadata"]
    assert meta["case_number"] == case.number
    assert meta["parties"] == ["某某有限公司"]
    assert meta["officers"] and meta["device"] == AV_META["device"]
    # 市人社局 第二十七条第一款: kept at least 3 months from recording.
    assert item.blob.retain_until == dt.date(2026, 6, 2)
    assert item.blob.retention_rule == "av_retention"
    assert store.retained_until(item.blob.sha256) == "2026-06-02"
    # The same bytes in another agency: a separate row, the same stored object.
    twin = _ingest(other_record, other_officer, store)
    assert twin.blob.pk != item.blob.pk and twin.blob.sha256 == item.blob.sha256
    assert twin.blob.retention_rule == "platform_default"  # 柳州 has no retention rule


def test_av_without_its_marks_is_refused_and_nothing_written(store: BlobStore) -> None:
    case, record, officer = open_with_record("wuhan-rsj")
    size = f.ledger_size(case.agency)
    with pytest.raises(services.EvidenceError, match="地点"):
        services.ingest(
            actor=officer, record=record, stream=io.BytesIO(b"x"), filename="a.mp4",
            media_type="video/mp4", metadata={"device": "DSJ"}, store=store,
        )  # fmt: skip
    assert EvidenceItem.objects.count() == 0 and Blob.objects.count() == 0
    assert f.ledger_size(case.agency) == size


def test_another_agency_cannot_ingest_into_a_case(store: BlobStore) -> None:
    _, record, _ = open_with_record("wuhan-rsj")
    _, _, stranger = open_with_record("liuzhou-kjj")
    with pytest.raises(NotInScope):
        _ingest(record, stranger, store)
    assert EvidenceItem.objects.filter(record=record).count() == 0


def test_deletion_inside_retention_is_refused_at_every_layer(store: BlobStore) -> None:
    case, record, officer = open_with_record("wuhan-rsj")
    item = _ingest(record, officer, store)
    blob = item.blob
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    leader = f.staff(case.agency, "leader", Role.LEADER)
    size = f.ledger_size(case.agency)
    # Application: no plain delete, and disposal inside retention is refused.
    with pytest.raises(RuleViolation):
        services.delete_blob(actor=archivist, blob=blob)
    with pytest.raises(RuleViolation, match="保存期限至 2026-06-02") as refused:
        services.dispose(
            actor=archivist, approver=leader, blob=blob, reason="到期", store=store,
            at=f.at(2026, 6, 2),
        )  # fmt: skip
    assert "第二十七条第一款" in refused.value.cite
    # Database: the row cannot be deleted nor its digest changed behind the services' back.
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Blob.objects.filter(pk=blob.pk).delete()
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Blob.objects.filter(pk=blob.pk).update(sha256="0" * 64)
    # Storage layout: the store's own marker refuses, whatever the database says.
    from sanxiang.evidence.store import RetentionActive

    with pytest.raises(RetentionActive):
        store.dispose(blob.sha256, today=dt.date(2026, 6, 1), tombstone={})
    assert store.exists(blob.sha256)
    assert f.ledger_size(case.agency) == size
    assert not Disposal.objects.exists()
    blob.refresh_from_db()
    assert blob.status == BlobStatus.STORED


def test_disposal_after_retention_needs_approval_and_leaves_a_tombstone(store: BlobStore) -> None:
    case, record, officer = open_with_record("wuhan-rsj")
    blob = _ingest(record, officer, store).blob
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    leader = f.staff(case.agency, "leader", Role.LEADER)
    later = f.at(2026, 6, 3)
    with pytest.raises(RuleViolation, match="批准"):
        services.dispose(
            actor=archivist, approver=archivist, blob=blob, reason="到期", store=store, at=later
        )
    hold = services.place_hold(actor=leader, blob=blob, reason="行政复议中", store=store)
    with pytest.raises(RuleViolation, match="保全"):
        services.dispose(
            actor=archivist, approver=leader, blob=blob, reason="到期", store=store, at=later
        )
    assert store.exists(blob.sha256)
    services.release_hold(actor=leader, hold=hold, store=store)
    assert not LegalHold.objects.get(pk=hold.pk).is_active
    disposal = services.dispose(
        actor=archivist, approver=leader, blob=blob, reason="保存期限届满", store=store, at=later
    )
    assert disposal.sha256 == blob.sha256 and not store.exists(blob.sha256)
    assert store.tombstone(blob.sha256)["approved_by"] == leader.username  # type: ignore[index]
    entry = LedgerEntry.objects.get(agency=case.agency, index=disposal.ledger_index)
    assert json.loads(entry.payload_json)["sha256"] == blob.sha256
    blob.refresh_from_db()
    assert blob.status == BlobStatus.DISPOSED


def test_evidence_use_keeps_the_blob_with_the_case_file(store: BlobStore) -> None:
    case, record, officer = open_with_record("qiaokou-rzj")
    item = _ingest(record, officer, store)
    services.use_as_evidence(
        actor=officer, item=item, produced_by="张三", extracted_by="李四",
        extracted_at=f.at(2026, 3, 3), store=store,
    )  # fmt: skip
    item.refresh_from_db()
    assert item.as_evidence and item.disc_copy["extracted_by"] == "李四"
    assert item.blob.retain_permanent and item.blob.retention_rule == "av_evidence_disc"
    assert store.retained_until(item.blob.sha256) == "permanent"
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    leader = f.staff(case.agency, "leader", Role.LEADER)
    with pytest.raises(RuleViolation, match="随案卷保存"):
        services.dispose(
            actor=archivist, approver=leader, blob=item.blob, reason="x", store=store,
            at=f.at(2030, 1, 1),
        )  # fmt: skip


def test_ingest_meets_the_av_ingest_deadline_in_qiaokou(store: BlobStore) -> None:
    from sanxiang.cases import services as cases
    from sanxiang.cases.choices import DeadlineStatus
    from sanxiang.cases.models import Deadline

    case, record, officer = open_with_record("qiaokou-rzj")
    av_record = cases.record(
        actor=officer, case=case, record_type=record.record_type,
        payload=f.payload_for(record.record_type), officers=list(case.officers.all()),
        av=f.av(), at=f.at(2026, 3, 2, 11),
    )  # fmt: skip
    deadline = Deadline.objects.get(case=case, rule_id="av_ingest")
    assert deadline.status == DeadlineStatus.OPEN and "第二十五条" in deadline.cite
    _ingest(av_record, officer, store, at=f.at(2026, 3, 3, 9))
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.MET


@pytest.mark.parametrize("backend", ["fs", "s3"])
@pytest.mark.parametrize("slug", sorted(INSPECTIONS))
def test_each_agency_refuses_deletion_inside_retention_at_both_layers(
    slug: str, backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Done-when, per agency and per backend: inside the pack's AV retention the service and
    the store each refuse; after it, an approved disposal leaves a tombstone."""
    from sanxiang.evidence.store import RetentionActive
    from sanxiang.evidence.tests.conftest import make_s3_store

    store = (
        BlobStore(FilesystemBackend(tmp_path / "blobs"))
        if backend == "fs"
        else make_s3_store(request.getfixturevalue("seaweedfs"))
    )
    case, record, officer = open_with_record(slug)
    blob = _ingest(record, officer, store, data=f"{slug} {backend}".encode()).blob
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    leader = f.staff(case.agency, "leader", Role.LEADER)
    inside = f.at(2026, 4, 2)  # one month after recording: inside every pack's 3 months
    size = f.ledger_size(case.agency)
    with pytest.raises(RuleViolation, match="保存期限") as refused:
        services.dispose(
            actor=archivist, approver=leader, blob=blob, reason="清理", store=store, at=inside
        )
    assert refused.value.cite == blob.retention_cite  # the pack's article (or none: default)
    with pytest.raises(RetentionActive):
        store.dispose(blob.sha256, today=inside.date(), tombstone={})
    assert store.exists(blob.sha256) and f.ledger_size(case.agency) == size
    assert not Disposal.objects.exists()
    # After the retention the same disposal goes through and leaves the digest behind.
    disposal = services.dispose(
        actor=archivist, approver=leader, blob=blob, reason="保存期满", store=store,
        at=f.at(2026, 7, 2),
    )  # fmt: skip
    assert disposal.sha256 == blob.sha256 and not store.exists(blob.sha256)
