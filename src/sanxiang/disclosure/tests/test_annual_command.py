"""``sanxiang report annual --agency SLUG --year Y [--format json|html|pdf] [--output FILE]``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sanxiang.disclosure.annual_testing import PARTY, YEAR, build_a, build_b
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", "annual", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_every_format(agency_a: Agency, agency_b: Agency, tmp_path: Path) -> None:
    build_a(agency_a)
    build_b(agency_b)
    common = ("--agency", agency_a.slug, "--year", str(YEAR))

    data = json.loads(_run(*common))
    assert data["agency"]["slug"] == agency_a.slug and data["year"] == YEAR
    assert data["penalties"]["fine_total_yuan"] == "4000.00"  # B's fines are not in it
    assert data["inspections"]["pass_rate"] == "66.7%"

    html = _run(*common, "--format", "html")
    assert html.startswith("<!doctype html>") and "<svg" in html
    assert f"{YEAR}年度行政执法统计年报" in html and PARTY not in html

    target = tmp_path / "report.pdf"
    assert _run(*common, "--format", "pdf", "--output", str(target)) == ""
    assert target.read_bytes().startswith(b"%PDF")

    written = tmp_path / "report.json"
    _run(*common, "--output", str(written))
    assert json.loads(written.read_text())["penalties"]["decided"] == 2


def test_refusals(agency_a: Agency) -> None:
    with pytest.raises(CommandError, match="unknown agency"):
        _run("--agency", "nope", "--year", str(YEAR))
    with pytest.raises(CommandError, match="--output"):
        _run("--agency", agency_a.slug, "--year", str(YEAR), "--format", "pdf")
    with pytest.raises(CommandError, match="year"):
        _run("--agency", agency_a.slug, "--year", "1999")
