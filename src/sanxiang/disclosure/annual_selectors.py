"""Reads of the annual statistics report: the public sees published reports only; staff see
their own agency's (supervisors every agency's), with the deadline of each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import agency_scope
from sanxiang.core.errors import NotInScope
from sanxiang.disclosure import annual
from sanxiang.disclosure.annual_models import AnnualReport
from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.registry.models import Agency


def published_reports(agency: Agency) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(agency=agency, status=NoticeStatus.PUBLISHED).defer("pdf")


def published_report(agency: Agency, year: int) -> AnnualReport:
    found = published_reports(agency).filter(year=year).select_related("agency").first()
    if found is None:
        raise NotInScope("没有这份统计年报")
    return found


def published_pdf(agency: Agency, year: int) -> bytes:
    row = (
        AnnualReport.objects.filter(agency=agency, year=year, status=NoticeStatus.PUBLISHED)
        .values_list("pdf", flat=True)
        .first()
    )
    if not row:
        raise NotInScope("没有这份统计年报")
    return bytes(row)


def staff_agencies(user: User) -> QuerySet[Agency]:
    scope = agency_scope(user)
    qs = Agency.objects.order_by("slug")
    return qs if scope is None else qs.filter(pk__in=scope)


def staff_agency(user: User, slug: str) -> Agency:
    found = staff_agencies(user).filter(slug=slug).first()
    if found is None:
        raise NotInScope("没有这个执法主体")
    return found


def staff_report(agency: Agency, year: int) -> AnnualReport | None:
    """The report row of ``agency`` (already scoped by ``staff_agency``), if prepared."""
    return AnnualReport.objects.filter(agency=agency, year=year).defer("pdf").first()


@dataclass(frozen=True)
class DueRow:
    """One agency's report on one year and where it stands against its deadline."""

    agency: Agency
    due: annual.Due
    report: AnnualReport | None
    state: str

    @property
    def state_label(self) -> str:
        return annual.STATE_LABELS[self.state]

    @property
    def overdue(self) -> bool:
        return self.state in ("overdue", "published_late")


def due_rows(user: User, *, today: dt.date | None = None) -> list[DueRow]:
    """Last year's report of every agency the user sees (due by 31 January of this year)."""
    today = today or timezone.localdate()
    year = today.year - 1
    agencies = list(staff_agencies(user))
    reports = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency__in=agencies, year=year).defer("pdf")
    }
    rows = []
    for agency in agencies:
        due = annual.due_for(agency, year)
        report = reports.get(agency.pk)
        published = (
            timezone.localtime(report.published_at).date()
            if report is not None and report.published_at is not None
            else None
        )
        rows.append(
            DueRow(
                agency=agency,
                due=due,
                report=report,
                state=due.state(today=today, published_on=published),
            )
        )
    return rows
