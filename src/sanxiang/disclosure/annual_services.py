"""Writes of the annual statistics report: prepare, submit, approve (or send back), publish.

Like every other publication of the app (国办发〔2018〕118号: 公示内容经审核后发布) the report is
prepared by the publicity office, approved by 分管领导 (or 主要负责人) and then published; every
move is ledgered with the digest of the figures, and publication ledgers the PDF's digest too.
The figures are frozen at preparation: approval approves exactly what will be published, and
only a draft can be recomputed. The report covers a finished year (``上年度``, 武汉市科技局
公示办法 第九条), so it cannot be prepared before 1 January of the next year.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in
from sanxiang.core.errors import RuleViolation
from sanxiang.disclosure import annual, annual_render
from sanxiang.disclosure.annual_models import AnnualReport
from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.ledger.records import shanghai_iso
from sanxiang.ledger.services import append
from sanxiang.registry.models import Agency

S = NoticeStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.AWAITING_APPROVAL}),
    S.AWAITING_APPROVAL: frozenset({S.APPROVED, S.DRAFT}),
    S.APPROVED: frozenset({S.PUBLISHED, S.DRAFT}),
    S.PUBLISHED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
EDITORS = (Role.PUBLICITY, Role.LEGAL_REVIEWER)
APPROVERS = (Role.LEADER, Role.HEAD)


def _cite(agency: Agency, year: int) -> str:
    return annual.due_for(agency, year).cite


def _require(actor: User, agency: Agency, year: int, *roles: Role) -> None:
    if not can_write_in(actor, agency, *roles):
        labels = "、".join(Role(r).label for r in roles)
        raise RuleViolation(
            f"此操作需要本机关的{labels}角色", rule_id="role_required", cite=_cite(agency, year)
        )


def _ledger(report: AnnualReport, verb: str, actor: User | None, **payload: Any) -> int:
    entry = append(
        agency=report.agency,
        kind=f"disclosure.annual_report.{verb}",
        subject=f"annual_report:{report.agency.slug}:{report.year}",
        actor=actor,
        payload={"year": report.year, "data_sha256": report.data_sha256, **payload},
    )
    return int(entry.index)


def _move(report: AnnualReport, to: str, *, actor: User, now: dt.datetime, note: str = "") -> None:
    old = report.status
    if to not in TRANSITIONS[old]:
        raise RuleViolation(
            f"统计年报当前状态为“{S(old).label}”，不能变更为“{S(to).label}”",
            rule_id="annual_report_transition",
            cite=report.cite,
        )
    report.status = to
    report.ledger_index = _ledger(
        report, "status", actor, old=old, new=to, note=note, at=shanghai_iso(now)
    )


def _lock(agency: Agency, year: int) -> AnnualReport | None:
    return (
        AnnualReport.objects.select_for_update()
        .select_related("agency")
        .filter(agency=agency, year=year)
        .first()
    )


def _locked(report: AnnualReport) -> AnnualReport:
    found = _lock(report.agency, report.year)
    assert found is not None
    return found


def prepare(
    *, actor: User, agency: Agency, year: int, now: dt.datetime | None = None
) -> AnnualReport:
    """统计: compute the figures of ``year`` and keep them as the draft (or refresh the draft)."""
    _require(actor, agency, year, *EDITORS)
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    due = annual.due_for(agency, year)
    if today <= dt.date(year, 12, 31):
        raise RuleViolation(
            f"统计年报反映上年度执法数据，{year}年度结束后方可统计",
            rule_id="annual_report_year_not_over",
            cite=due.cite,
        )
    data = annual.compute(agency, year, today=today)
    data_sha256 = annual_render.digest(data)
    with transaction.atomic():
        report = _lock(agency, year)
        if report is not None and report.status != S.DRAFT:
            raise RuleViolation(
                "统计年报已提交审批或已公示，不能重新统计（可退回后重新统计）",
                rule_id="annual_report_frozen",
                cite=due.cite,
            )
        if report is None:
            report = AnnualReport(
                agency=agency,
                year=year,
                item_id=due.item_id,
                item_label=due.label,
                cite=due.cite,
                approver_role=Role.LEADER,
                due_on=due.due_on,
                created_by=actor,
                created_at=now,
                ledger_index=0,
            )
        report.data = data
        report.data_sha256 = data_sha256
        report.prepared_at = now
        if report.pk is None:
            report.save()
        else:
            report.save(update_fields=["data", "data_sha256", "prepared_at", "updated_at"])
        report.ledger_index = _ledger(report, "prepared", actor, due_on=due.due_on.isoformat())
        report.save(update_fields=["ledger_index"])
    return report


def submit(*, actor: User, report: AnnualReport) -> AnnualReport:
    """提交审批."""
    _require(actor, report.agency, report.year, *EDITORS)
    with transaction.atomic():
        report = _locked(report)
        _move(report, S.AWAITING_APPROVAL, actor=actor, now=timezone.now())
        report.save(update_fields=["status", "ledger_index", "updated_at"])
    return report


def approve(*, actor: User, report: AnnualReport) -> AnnualReport:
    """审定: 分管领导 or 主要负责人 approve the frozen figures (their digest is ledgered)."""
    _require(actor, report.agency, report.year, *APPROVERS)
    with transaction.atomic():
        report = _locked(report)
        now = timezone.now()
        _move(report, S.APPROVED, actor=actor, now=now)
        report.approved_by = actor
        report.approved_at = now
        report.save(
            update_fields=["status", "approved_by", "approved_at", "ledger_index", "updated_at"]
        )
    return report


def send_back(*, actor: User, report: AnnualReport, reason: str) -> AnnualReport:
    """退回: back to the publicity office, which may recompute."""
    _require(actor, report.agency, report.year, *APPROVERS)
    if not reason.strip():
        raise RuleViolation("请填写退回理由", rule_id="annual_report_send_back", cite=report.cite)
    with transaction.atomic():
        report = _locked(report)
        _move(report, S.DRAFT, actor=actor, now=timezone.now(), note=reason.strip())
        report.approved_by = None
        report.approved_at = None
        report.save(
            update_fields=["status", "approved_by", "approved_at", "ledger_index", "updated_at"]
        )
    return report


def publish(*, actor: User, report: AnnualReport, now: dt.datetime | None = None) -> AnnualReport:
    """公示: render the PDF of the approved figures, store it and ledger its SHA-256.

    Typst runs before the transaction (slow work holds no lock); the figures cannot change in
    between because only a draft is recomputed, and the digest is checked again under the lock.
    """
    _require(actor, report.agency, report.year, Role.PUBLICITY)
    now = now or timezone.now()
    if report.status != S.APPROVED:
        raise RuleViolation(
            "统计年报须经审定后方可公示", rule_id="annual_report_transition", cite=report.cite
        )
    pdf = annual_render.to_pdf(report.data, at=now)
    pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    with transaction.atomic():
        locked = _locked(report)
        if locked.data_sha256 != report.data_sha256:
            raise RuleViolation(
                "统计数据在公示前发生变化，请重新审定",
                rule_id="annual_report_changed",
                cite=report.cite,
            )
        report = locked
        report.pdf = pdf
        report.pdf_sha256 = pdf_sha256
        report.published_at = now
        _move(report, S.PUBLISHED, actor=actor, now=now)
        report.ledger_index = _ledger(
            report,
            "published",
            actor,
            pdf_sha256=pdf_sha256,
            pdf_bytes=len(pdf),
            due_on=report.due_on.isoformat(),
            on_time=timezone.localtime(now).date() <= report.due_on,
        )
        report.save(
            update_fields=[
                "status",
                "pdf",
                "pdf_sha256",
                "published_at",
                "ledger_index",
                "updated_at",
            ]
        )
    return report
