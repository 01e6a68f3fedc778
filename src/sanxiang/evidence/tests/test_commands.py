"""``sanxiang evidence fixity|backup|restore`` against the platform's default store."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from sanxiang.cases.tests import factories as f
from sanxiang.evidence import services
from sanxiang.evidence.backends import default_store
from sanxiang.evidence.models import FixityRun
from sanxiang.evidence.store import blob_key
from sanxiang.evidence.tests.helpers import open_with_record
from sanxiang.evidence.tests.test_ingest import AV_META
from sanxiang.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("evidence", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def blobs(tmp_path: Path):  # type: ignore[no-untyped-def]
    with override_settings(BLOB_DIR=tmp_path / "blobs"):
        yield default_store()


def _ingest_two(store):  # type: ignore[no-untyped-def]
    digests = []
    for slug, data in (("wuhan-rsj", b"rsj video"), ("liuzhou-kjj", b"liuzhou video")):
        _, record, officer = open_with_record(slug)
        item = services.ingest(
            actor=officer, record=record, stream=io.BytesIO(data), filename="a.mp4",
            media_type="video/mp4", metadata=AV_META,
        )  # fmt: skip
        digests.append(item.blob.sha256)
    return digests


def test_fixity_catches_a_changed_byte_and_a_missing_file(blobs, capsys) -> None:  # type: ignore[no-untyped-def]
    rsj, liuzhou = _ingest_two(blobs)
    code, out, _ = _run("fixity")
    assert code == 0 and "OK" in out
    path = Path(blobs.backend.root) / blob_key(rsj)
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[0] ^= 1
    path.write_bytes(bytes(data))
    (Path(blobs.backend.root) / blob_key(liuzhou)).unlink()
    code, out, err = _run("fixity", "--json")
    report = json.loads(out)
    assert code == 1
    assert report["changed"] == [rsj] and report["missing"] == [liuzhou] and report["extra"] == []
    run = FixityRun.objects.order_by("-pk").first()
    assert run is not None and run.changed == [rsj] and not run.ok
    # Each agency's ledger records what fixity found about its own blobs.
    events = {
        e.agency.slug: json.loads(e.payload_json)
        for e in LedgerEntry.objects.filter(
            kind="evidence.fixity_checked", subject=f"fixity:{run.pk}"
        )
    }
    assert events["wuhan-rsj"]["changed"] == [rsj] and events["wuhan-rsj"]["ok"] is False
    assert events["liuzhou-kjj"]["missing"] == [liuzhou]
    assert "核验" in err  # the progress bar


def test_backup_and_restore_drill_reproduces_identical_digests(blobs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    digests = set(_ingest_two(blobs))
    offsite = tmp_path / "offsite"
    code, out, _ = _run("backup", "--to", str(offsite), "--quiet")
    assert code == 0 and "copied" in out
    # Disaster: the primary store is lost; restore into a fresh one and check fixity.
    with override_settings(BLOB_DIR=tmp_path / "new-blobs"):
        code, _, _ = _run("restore", "--from", str(offsite), "--quiet")
        assert code == 0
        restored = default_store()
        assert set(restored.digests()) == digests
        code, out, _ = _run("fixity", "--json", "--quiet")
        assert code == 0 and json.loads(out)["ok"] is True
        for digest in digests:
            assert b"".join(restored.open(digest)) == b"".join(blobs.open(digest))


def test_import_ingests_files_with_a_progress_bar(blobs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sanxiang.evidence.models import EvidenceItem

    case, record, officer = open_with_record("wuhan-rsj")
    f.agency("liuzhou-kjj")  # a second agency, untouched
    files = []
    for name, data in (("现场1.mp4", b"first clip" * 1000), ("现场2.mp4", b"second clip")):
        path = tmp_path / name
        path.write_bytes(data)
        files.append(path)
    code, out, err = _run(
        "import", *map(str, files), "--agency", "wuhan-rsj", "--case", case.number,
        "--record", str(record.pk), "--user", officer.username, "--device", "DSJ-01",
        "--place", "现场", "--step", "现场检查",
    )  # fmt: skip
    assert code == 0 and "入库" in err and "100%" in err
    items = list(EvidenceItem.objects.filter(case=case).order_by("id"))
    assert [i.filename for i in items] == ["现场1.mp4", "现场2.mp4"]
    assert items[0].blob.sha256 in out and items[0].metadata["device"] == "DSJ-01"
    assert b"".join(blobs.open(items[0].blob.sha256)) == files[0].read_bytes()
    assert items[0].media_type == "video/mp4"


def test_import_without_av_metadata_is_refused_and_writes_nothing(blobs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sanxiang.evidence.models import EvidenceItem

    case, record, officer = open_with_record("wuhan-rsj")
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"clip")
    size = f.ledger_size(case.agency)
    code, _, err = _run(
        "import", str(path), "--agency", "wuhan-rsj", "--case", case.number,
        "--record", record.record_type, "--user", officer.username, "--quiet",
    )  # fmt: skip
    assert code == 1 and "标注信息" in err
    assert not EvidenceItem.objects.exists() and f.ledger_size(case.agency) == size


@pytest.mark.parametrize("prefix", ["evidence", "evidence/"])
def test_default_store_is_the_bucket_when_evidence_s3_is_set(  # type: ignore[no-untyped-def]
    prefix: str, seaweedfs, monkeypatch, tmp_path: Path
) -> None:
    """settings.EVIDENCE_S3 (SANXIANG_EVIDENCE_S3) puts the platform's evidence in the bucket,
    under the prefix, with the endpoint and keys from the usual AWS_* variables."""
    from sanxiang.evidence import backends

    client = seaweedfs["client"]
    monkeypatch.setenv("AWS_ENDPOINT_URL", client.meta.endpoint_url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "sanxiang")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "sanxiang-test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    top = f"{tmp_path.name}-{prefix.strip('/')}"
    backends._default.cache_clear()
    try:
        with override_settings(EVIDENCE_S3=f"s3://{seaweedfs['bucket']}/{top}/{prefix}"):
            store = default_store()
            assert store.name == "s3"
            digests = _ingest_two(store)
            listed = client.list_objects_v2(Bucket=seaweedfs["bucket"], Prefix=f"{top}/")
            keys = {item["Key"] for item in listed.get("Contents", [])}
            for digest in digests:
                assert f"{top}/evidence/{blob_key(digest)}" in keys
            code, out, _ = _run("fixity", "--json", "--quiet")
            assert code == 0 and json.loads(out)["checked"] == 2
    finally:
        backends._default.cache_clear()


def test_a_bad_evidence_s3_setting_stops_with_a_message(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "SANXIANG_VAR_DIR": str(tmp_path), "SANXIANG_EVIDENCE_S3": "/srv/x"}
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "sanxiang.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "SANXIANG_EVIDENCE_S3" in done.stderr
