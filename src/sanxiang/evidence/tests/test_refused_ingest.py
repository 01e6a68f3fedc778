"""A refused ingest leaves nothing in the store: no blob, no retention marker, fixity clean —
on the filesystem and on S3 (the ``store`` fixture of conftest runs both)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest

from sanxiang.archive import services as archive
from sanxiang.cases.tests import factories as f
from sanxiang.core.errors import RuleViolation
from sanxiang.evidence import services
from sanxiang.evidence.models import Blob, EvidenceItem, FixityRun
from sanxiang.evidence.store import BlobStore, S3Backend
from sanxiang.evidence.tests.helpers import close, open_with_record
from sanxiang.evidence.tests.test_ingest import AV_META

pytestmark = pytest.mark.django_db


def _ingest(record, actor, store, data):  # type: ignore[no-untyped-def]
    return services.ingest(
        actor=actor, record=record, stream=io.BytesIO(data), filename="现场.mp4",
        media_type="video/mp4", metadata=AV_META, store=store,
    )  # fmt: skip


def _filed(slug: str, store: BlobStore):  # type: ignore[no-untyped-def]
    """A closed case of ``slug`` whose case file is formed (read-only from then on)."""
    case, record, officer = open_with_record(slug)
    _ingest(record, officer, store, f"{slug} 原有录像".encode())
    last = close(case, officer)
    archive.form_case_file(actor=officer, case=case, at=last + dt.timedelta(days=3))
    return case, record, officer


def _store_keys(store: BlobStore) -> list[str]:
    """Every object, staging area included (``keys`` hides staging on S3, so it is listed)."""
    keys = [
        key
        for prefix in ("blobs/", "retention/", "holds/", "tombstones/")
        for key in store.backend.keys(prefix)
    ]
    backend = store.backend
    if isinstance(backend, S3Backend):
        listed = backend.client.list_objects_v2(
            Bucket=backend.bucket, Prefix=backend.prefix + ".staging/"
        )
        keys += [item["Key"] for item in listed.get("Contents", [])]
    else:
        keys += list(backend.keys(".staging/"))
    return sorted(keys)


def _clean(run: FixityRun) -> bool:
    return (run.changed, run.missing, run.extra) == ([], [], [])


def test_refused_ingest_leaves_no_blob_and_fixity_stays_clean(store: BlobStore) -> None:
    case, record, officer = _filed("wuhan-rsj", store)
    before = _store_keys(store)
    size = f.ledger_size(case.agency)
    late = b"late recording, refused"
    with pytest.raises(RuleViolation, match="已立卷"):
        _ingest(record, officer, store, late)
    digest = hashlib.sha256(late).hexdigest()
    assert not store.exists(digest)
    assert store.retained_until(digest) is None
    assert _store_keys(store) == before
    assert not Blob.objects.filter(sha256=digest).exists()
    assert EvidenceItem.objects.filter(case=case).count() == 1
    assert f.ledger_size(case.agency) == size
    assert _clean(services.run_fixity(store=store))


def test_refusal_keeps_the_same_bytes_another_agency_stored(store: BlobStore) -> None:
    """Content addressing shares one object between agencies: a refusal in one agency must not
    remove the object another agency's committed row refers to."""
    _, record, officer = _filed("wuhan-rsj", store)
    _, other_record, other_officer = open_with_record("liuzhou-kjj")
    shared = b"the same recording in two agencies"
    kept = _ingest(other_record, other_officer, store, shared)
    with pytest.raises(RuleViolation, match="已立卷"):
        _ingest(record, officer, store, shared)
    assert store.exists(kept.blob.sha256)
    assert b"".join(store.open(kept.blob.sha256)) == shared
    owners = Blob.objects.filter(sha256=kept.blob.sha256).values_list("agency__slug", flat=True)
    assert list(owners) == ["liuzhou-kjj"]
    assert _clean(services.run_fixity(store=store))
