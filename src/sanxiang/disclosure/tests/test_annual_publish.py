"""Publishing the 统计年报: prepare → submit → approve → publish, roles, ledger, frozen figures."""

from __future__ import annotations

import hashlib
import io

import pytest
import time_machine
from pypdf import PdfReader

from sanxiang.accounts.choices import Role
from sanxiang.cases.tests import factories as cf
from sanxiang.core.errors import RuleViolation
from sanxiang.disclosure import annual_render, annual_services
from sanxiang.disclosure.annual_models import AnnualReport
from sanxiang.disclosure.annual_testing import YEAR, simple_penalty
from sanxiang.disclosure.annual_testing import _people as people
from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.ledger.models import LedgerEntry
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db

JANUARY = cf.at(YEAR + 1, 1, 12, 9)


def _ledger(agency: Agency) -> list[LedgerEntry]:
    return list(LedgerEntry.objects.filter(agency=agency).order_by("index"))


def _kinds(agency: Agency) -> list[str]:
    return [e.kind for e in _ledger(agency) if e.kind.startswith("disclosure.annual_report")]


def test_prepare_approve_publish_ledgers_the_figures_and_the_pdf(
    agency_a: Agency, agency_b: Agency
) -> None:
    publisher = cf.staff(agency_a, "pub", Role.PUBLICITY)
    leader = cf.staff(agency_a, "leader", Role.LEADER)
    before_b = len(_ledger(agency_b))
    with time_machine.travel(JANUARY, tick=False):
        report = annual_services.prepare(actor=publisher, agency=agency_a, year=YEAR)
        assert report.status == NoticeStatus.DRAFT
        assert report.data_sha256 == annual_render.digest(report.data)
        report = annual_services.submit(actor=publisher, report=report)
        report = annual_services.approve(actor=leader, report=report)
        report = annual_services.publish(actor=publisher, report=report)
    report.refresh_from_db()
    assert report.status == NoticeStatus.PUBLISHED
    assert report.approved_by == leader
    pdf = bytes(report.pdf)
    assert pdf.startswith(b"%PDF") and report.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = "".join(page.extract_text() for page in pages).replace("\n", "")
    assert f"{YEAR}年度行政执法统计年报" in text and "无检查计划数据" in text
    assert _kinds(agency_a) == [
        "disclosure.annual_report.prepared",
        "disclosure.annual_report.status",
        "disclosure.annual_report.status",
        "disclosure.annual_report.status",
        "disclosure.annual_report.published",
    ]
    published = _ledger(agency_a)[-1]
    assert published.index == report.ledger_index
    assert published.payload["pdf_sha256"] == report.pdf_sha256
    assert published.payload["data_sha256"] == report.data_sha256
    assert published.payload["on_time"] is True
    # Nothing written in the other agency.
    assert len(_ledger(agency_b)) == before_b
    assert not AnnualReport.objects.filter(agency=agency_b).exists()


def test_same_figures_same_pdf(agency_a: Agency) -> None:
    publisher = cf.staff(agency_a, "pub", Role.PUBLICITY)
    with time_machine.travel(JANUARY, tick=False):
        report = annual_services.prepare(actor=publisher, agency=agency_a, year=YEAR)
    first = annual_render.to_pdf(report.data, at=JANUARY)
    assert annual_render.to_pdf(report.data, at=JANUARY) == first


def test_refusals_write_nothing(agency_a: Agency, agency_b: Agency) -> None:
    publisher = cf.staff(agency_a, "pub", Role.PUBLICITY)
    officer = cf.staff(agency_a, "officer", Role.OFFICER)
    other_leader = cf.staff(agency_b, "leader", Role.LEADER)
    leader = cf.staff(agency_a, "leader", Role.LEADER)
    with time_machine.travel(cf.at(YEAR, 12, 31, 18), tick=False):
        # The year is not over: 上年度 only.
        with pytest.raises(RuleViolation) as exc:
            annual_services.prepare(actor=publisher, agency=agency_a, year=YEAR)
        assert exc.value.rule_id == "annual_report_year_not_over"
    assert not AnnualReport.objects.exists() and _kinds(agency_a) == []
    with time_machine.travel(JANUARY, tick=False):
        with pytest.raises(RuleViolation):
            annual_services.prepare(actor=officer, agency=agency_a, year=YEAR)
        with pytest.raises(RuleViolation):  # another agency's staff
            annual_services.prepare(actor=other_leader, agency=agency_a, year=YEAR)
        assert not AnnualReport.objects.exists() and _kinds(agency_a) == []
        report = annual_services.prepare(actor=publisher, agency=agency_a, year=YEAR)
        size = len(_ledger(agency_a))
        # Not yet submitted: cannot be approved or published; the publisher cannot approve.
        with pytest.raises(RuleViolation):
            annual_services.approve(actor=leader, report=report)
        with pytest.raises(RuleViolation):
            annual_services.publish(actor=publisher, report=report)
        report = annual_services.submit(actor=publisher, report=report)
        with pytest.raises(RuleViolation):
            annual_services.approve(actor=publisher, report=report)
        with pytest.raises(RuleViolation):
            annual_services.approve(actor=other_leader, report=report)
        # Submitted figures are frozen: no recomputation until sent back.
        with pytest.raises(RuleViolation) as exc:
            annual_services.prepare(actor=publisher, agency=agency_a, year=YEAR)
        assert exc.value.rule_id == "annual_report_frozen"
    assert len(_ledger(agency_a)) == size + 1  # the submission only
    report.refresh_from_db()
    assert report.status == NoticeStatus.AWAITING_APPROVAL and report.approved_by is None


def test_sent_back_report_is_recomputed_with_new_data(agency_a: Agency) -> None:
    publisher = cf.staff(agency_a, "pub", Role.PUBLICITY)
    leader = cf.staff(agency_a, "leader", Role.LEADER)
    w = people(agency_a, 1)
    with time_machine.travel(JANUARY, tick=False):
        report = annual_services.prepare(actor=publisher, agency=agency_a, year=YEAR)
        assert report.data["penalties"]["decided"] == 0
        report = annual_services.submit(actor=publisher, report=report)
        with pytest.raises(RuleViolation):
            annual_services.send_back(actor=leader, report=report, reason=" ")
        report = annual_services.send_back(actor=leader, report=report, reason="漏报一件处罚")
        simple_penalty(w, fine=800.0, when=cf.at(YEAR, 12, 30))
        again = annual_services.prepare(actor=publisher, agency=agency_a, year=YEAR)
    assert again.pk == report.pk
    assert again.data["penalties"]["decided"] == 1
    assert again.data_sha256 != report.data_sha256
