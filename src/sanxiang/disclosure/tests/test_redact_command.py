"""``sanxiang redact``: text or JSON, the agency's officers kept."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db


def test_redact_json_from_file(agency_a: Agency, tmp_path: Path) -> None:
    source = tmp_path / "decision.txt"
    source.write_text("当事人王小明，男，电话13871234567。", encoding="utf-8")
    out = io.StringIO()
    call_command("redact", "--agency", agency_a.slug, str(source), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["text"] == "当事人王某，男，电话［电话号码已隐去］。"
    assert [s["kind"] for s in data["spans"]] == ["name", "phone"]


def test_redact_unknown_agency_fails(tmp_path: Path) -> None:
    source = tmp_path / "d.txt"
    source.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("redact", "--agency", "nope", str(source))
