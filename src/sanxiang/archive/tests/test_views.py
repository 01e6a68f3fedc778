"""The archive staff pages: scoped, registered, and the register exports as CSV."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client, override_settings

from sanxiang.accounts.choices import Role
from sanxiang.archive.models import AccessEvent, CaseFile
from sanxiang.cases.tests import factories as f
from sanxiang.evidence import services as evidence
from sanxiang.evidence.tests.helpers import close, open_with_record
from sanxiang.evidence.tests.test_ingest import AV_META

pytestmark = pytest.mark.django_db


def _login(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_forming_viewing_and_the_register(tmp_path: Path) -> None:
    with override_settings(BLOB_DIR=tmp_path / "blobs"):
        case, record, officer = open_with_record("wuhan-rsj")
        evidence.ingest(
            actor=officer, record=record, stream=io.BytesIO(b"video"), filename="现场.mp4",
            media_type="video/mp4", metadata=AV_META,
        )  # fmt: skip
        close(case, officer)
        client = _login(officer)
        response = client.post(f"/archive/case/{case.pk}/form/")
        assert response.status_code == 302
        case_file = CaseFile.objects.get(case=case)
        page = client.get(f"/archive/case/{case.pk}/").content.decode()
        assert "卷内目录" in page and "现场.mp4" in page and case_file.content_sha256 in page
        event = AccessEvent.objects.get(case=case)
        assert event.viewer == officer.username and event.action == "view"
        archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
        archive = _login(archivist)
        register = archive.get("/archive/register/").content.decode()
        assert "查看案卷" in register and case.number in register
        csv_text = archive.get("/archive/register.csv").content.decode("utf-8-sig")
        assert csv_text.splitlines()[0].startswith("案号,方式,调阅人,复制人,审批人,时间,事由")
        assert case.number in csv_text
        # Another agency's archivist sees neither the file nor its register rows.
        other = _login(f.staff(f.agency("liuzhou-kjj"), "archivist", Role.ARCHIVIST))
        assert other.get(f"/archive/case/{case.pk}/").status_code == 404
        assert case.number not in other.get("/archive/register/").content.decode()
        assert AccessEvent.objects.count() == 1


def test_forming_an_open_case_is_refused_with_the_rule(tmp_path: Path) -> None:
    case, _, officer = open_with_record("qiaokou-rzj")
    response = _login(officer).post(f"/archive/case/{case.pk}/form/", follow=True)
    assert "尚未办结" in response.content.decode()
    assert not CaseFile.objects.exists()
