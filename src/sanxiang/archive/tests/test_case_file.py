"""A case from each agency closes, forms its file, exports it, and the package verifies offline."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sanxiang.accounts.choices import Role
from sanxiang.archive import services
from sanxiang.archive.bag import write_bag
from sanxiang.archive.catalogue import PHASES
from sanxiang.archive.choices import CaseFileStatus
from sanxiang.archive.models import CaseFile
from sanxiang.cases.tests import factories as f
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.evidence import services as evidence
from sanxiang.evidence.store import BlobStore, FilesystemBackend
from sanxiang.evidence.tests.helpers import INSPECTIONS, close, open_with_record
from sanxiang.evidence.tests.test_ingest import AV_META
from sanxiang.ledger import signing

pytestmark = pytest.mark.django_db
VERIFIER = Path(__file__).resolve().parents[4] / "tools" / "verify_ledger.py"


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(FilesystemBackend(tmp_path / "blobs"))


def verify(bag: Path, key: Path) -> tuple[int, dict]:  # type: ignore[type-arg]
    done = subprocess.run(
        [sys.executable, str(VERIFIER), "--bag", str(bag), "--public-key", str(key), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, json.loads(done.stdout)


def closed_file(slug: str, store: BlobStore) -> CaseFile:
    case, record, officer = open_with_record(slug)
    evidence.ingest(
        actor=officer, record=record, stream=io.BytesIO(f"{slug} 现场录像".encode()),
        filename="现场.mp4", media_type="video/mp4", metadata=AV_META, store=store,
    )  # fmt: skip
    last = close(case, officer)
    return services.form_case_file(actor=officer, case=case, at=last + dt.timedelta(days=3))


@pytest.mark.parametrize("slug", sorted(INSPECTIONS))
def test_each_agency_forms_exports_and_verifies_offline(
    slug: str, store: BlobStore, tmp_path: Path
) -> None:
    f.agency("wuhan-rsj" if slug != "wuhan-rsj" else "liuzhou-kjj")  # a second agency exists
    case_file = closed_file(slug, store)
    rows = case_file.catalogue
    assert [r["no"] for r in rows] == list(range(1, len(rows) + 1))
    phases = [PHASES.index(r["phase"]) for r in rows]
    assert phases == sorted(phases)  # 立案→调查→审查→决定→送达→执行
    assert rows[0]["pages"][0] == 3
    for before, after in itertools.pairwise(rows):
        assert after["pages"][0] == before["pages"][1] + 1
    assert len(case_file.av_locations) == 1
    assert case_file.av_locations[0]["location"].startswith("fs:blobs/sha256/")
    assert case_file.checkpoint.tree_size > case_file.ledger_index
    assert not case_file.formed_late
    key = tmp_path / "platform.pem"
    key.write_text(signing.current_signer().public_key_pem())
    bag = write_bag(case_file, tmp_path / "bag", store=store)
    code, report = verify(bag, key)
    assert code == 0, report
    assert (bag / "data" / "catalogue.pdf").read_bytes().startswith(b"%PDF")
    names = [c["check"] for c in report["checks"]]
    assert any(n.startswith("data/attachments/") for n in names)
    assert sum(n.startswith("data/entries/") for n in names) >= len(rows) + 2
    # One altered byte of the case file's own JSON fails the check, and the report says where.
    content = bag / "data" / "case-file.json"
    data = bytearray(content.read_bytes())
    data[len(data) // 2] ^= 1
    content.write_bytes(bytes(data))
    code, report = verify(bag, key)
    failing = [c["check"] for c in report["checks"] if not c["ok"]]
    assert code == 1 and "data/case-file.json" in failing, failing


def test_one_altered_byte_fails_and_names_the_file(store: BlobStore, tmp_path: Path) -> None:
    case_file = closed_file("wuhan-rsj", store)
    key = tmp_path / "platform.pem"
    key.write_text(signing.current_signer().public_key_pem())
    bag = write_bag(case_file, tmp_path / "bag", store=store)
    first_entry = sorted((bag / "data" / "entries").glob("*.json"), key=lambda p: int(p.stem))[0]
    text = first_entry.read_bytes()
    position = text.index(b'"time": "') + len(b'"time": "') + 3  # a digit of the year
    altered = text[:position] + bytes([text[position] ^ 1]) + text[position + 1 :]
    first_entry.write_bytes(altered)
    code, report = verify(bag, key)
    assert code == 1
    bad = {c["check"]: c["detail"] for c in report["checks"] if not c["ok"]}
    assert f"data/entries/{first_entry.name}" in bad["bag manifests"]
    assert "record changed" in bad[f"data/entries/{first_entry.name}"]
    # Even with the manifests rewritten to match, the record no longer hashes to its leaf.
    manifest = (bag / "manifest-sha256.txt").read_text()
    old = hashlib.sha256(text).hexdigest()
    (bag / "manifest-sha256.txt").write_text(
        manifest.replace(old, hashlib.sha256(altered).hexdigest())
    )
    code, report = verify(bag, key)
    bad = {c["check"]: c["detail"] for c in report["checks"] if not c["ok"]}
    assert code == 1 and f"data/entries/{first_entry.name}" in bad


def test_altered_attachment_is_named(store: BlobStore, tmp_path: Path) -> None:
    case_file = closed_file("qiaokou-rzj", store)
    key = tmp_path / "platform.pem"
    key.write_text(signing.current_signer().public_key_pem())
    bag = write_bag(case_file, tmp_path / "bag", store=store)
    video = next((bag / "data" / "attachments").iterdir())
    data = bytearray(video.read_bytes())
    data[-1] ^= 0x20
    video.write_bytes(bytes(data))
    code, report = verify(bag, key)
    bad = {c["check"]: c["detail"] for c in report["checks"] if not c["ok"]}
    assert code == 1
    assert "content changed" in bad[f"data/attachments/{video.name}"]


def test_open_case_cannot_form_a_file_and_nothing_is_written(store: BlobStore) -> None:
    case, _, officer = open_with_record("wuhan-rsj")
    size = f.ledger_size(case.agency)
    with pytest.raises(RuleViolation, match="尚未办结"):
        services.form_case_file(actor=officer, case=case)
    assert not CaseFile.objects.exists() and f.ledger_size(case.agency) == size


def test_transfer_and_acceptance_make_the_file_read_only(store: BlobStore) -> None:
    case_file = closed_file("wuhan-rsj", store)
    agency = case_file.agency
    # 市人社局 第二十六条第四款: 次年3月底前.
    assert case_file.transfer_due == dt.date(2027, 3, 31)
    assert case_file.formation_due is not None and "第二十六条第二款" in case_file.formation_cite
    archivist = f.staff(agency, "archivist", Role.ARCHIVIST)
    officer = case_file.formed_by
    with pytest.raises(RuleViolation, match="移交"):
        services.accept(actor=archivist, case_file=case_file)
    services.transfer(actor=officer, case_file=case_file)
    with pytest.raises(NotInScope):
        services.accept(actor=officer, case_file=case_file)  # not an archivist
    accepted = services.accept(actor=archivist, case_file=case_file)
    assert accepted.status == CaseFileStatus.ACCEPTED and accepted.is_read_only
    with pytest.raises(RuleViolation, match="只读"):
        services.accept(actor=archivist, case_file=case_file)
    with pytest.raises(RuleViolation, match="已立卷"):
        services.form_case_file(actor=officer, case=case_file.case)


def test_another_agency_cannot_form_the_file(store: BlobStore) -> None:
    case, _, officer = open_with_record("wuhan-rsj")
    close(case, officer)
    stranger = f.staff(f.agency("liuzhou-kjj"), "officer", Role.OFFICER)
    with pytest.raises(NotInScope):
        services.form_case_file(actor=stranger, case=case)
    assert not CaseFile.objects.exists()


def test_export_is_registered_and_only_by_the_archivist(store: BlobStore, tmp_path: Path) -> None:
    from sanxiang.archive import access
    from sanxiang.archive.models import AccessEvent

    case_file = closed_file("dongxihu-sfj", store)
    officer = case_file.formed_by
    with pytest.raises(NotInScope):
        access.export_case_file(
            actor=officer, case_file=case_file, target=tmp_path / "x", reason="r", store=store
        )
    assert not (tmp_path / "x").exists() and not AccessEvent.objects.exists()
    archivist = f.staff(case_file.agency, "archivist", Role.ARCHIVIST)
    access.export_case_file(
        actor=archivist,
        case_file=case_file,
        target=tmp_path / "bag",
        reason="移送法院",
        store=store,
    )
    event = AccessEvent.objects.get()
    assert event.action == "export" and event.reason == "移送法院"
    assert (tmp_path / "bag" / "bagit.txt").exists()


def test_no_evidence_is_added_once_the_file_is_formed(store: BlobStore) -> None:
    from sanxiang.evidence.models import EvidenceItem

    case_file = closed_file("wuhan-kjj", store)
    record = case_file.case.records.first()
    before = EvidenceItem.objects.count()
    with pytest.raises(RuleViolation, match="已立卷"):
        evidence.ingest(
            actor=case_file.formed_by, record=record, stream=io.BytesIO(b"late"),
            filename="late.mp4", media_type="video/mp4", metadata=AV_META, store=store,
        )  # fmt: skip
    assert EvidenceItem.objects.count() == before


def test_export_command_writes_a_bag_that_verifies(tmp_path: Path) -> None:
    from django.core.management import call_command
    from django.test import override_settings

    from sanxiang.evidence.backends import default_store

    with override_settings(BLOB_DIR=tmp_path / "blobs"):
        case_file = closed_file("liuzhou-kjj", default_store())
        archivist = f.staff(case_file.agency, "archivist", Role.ARCHIVIST)
        out = io.StringIO()
        call_command("archive", "due", stdout=out)
        assert f"TO ARCHIVE {case_file.case.number}" in out.getvalue()
        call_command(
            "archive", "export", "--agency", "liuzhou-kjj", "--case", case_file.case.number,
            "--to", str(tmp_path / "bag"), "--user", archivist.username, "--reason", "移送",
            stdout=io.StringIO(),
        )  # fmt: skip
        key = tmp_path / "platform.pem"
        key.write_text(signing.current_signer().public_key_pem())
        code, report = verify(tmp_path / "bag", key)
        assert code == 0, report
