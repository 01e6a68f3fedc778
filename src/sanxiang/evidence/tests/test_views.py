"""Downloading a recording streams the verified bytes and registers the copy."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client, override_settings

from sanxiang.accounts.choices import Role
from sanxiang.archive.models import AccessEvent
from sanxiang.cases.tests import factories as f
from sanxiang.evidence import services
from sanxiang.evidence.tests.helpers import open_with_record
from sanxiang.evidence.tests.test_ingest import AV_META

pytestmark = pytest.mark.django_db


def test_download_is_streamed_and_registered(tmp_path: Path) -> None:
    with override_settings(BLOB_DIR=tmp_path / "blobs"):
        _case, record, officer = open_with_record("wuhan-rsj")
        item = services.ingest(
            actor=officer, record=record, stream=io.BytesIO(b"recording"), filename="现场.mp4",
            media_type="video/mp4", metadata=AV_META,
        )  # fmt: skip
        client = Client()
        client.force_login(officer)
        response = client.get(f"/evidence/item/{item.pk}/download/?reason=复核")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"recording"  # type: ignore[attr-defined]
        event = AccessEvent.objects.get()
        assert event.action == "copy" and event.copier == officer.username
        assert event.reason == "复核：现场.mp4"
        stranger = Client()
        stranger.force_login(f.staff(f.agency("liuzhou-kjj"), "archivist", Role.ARCHIVIST))
        assert stranger.get(f"/evidence/item/{item.pk}/download/").status_code == 404
        assert AccessEvent.objects.count() == 1
