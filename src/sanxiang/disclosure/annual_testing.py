"""Test data (not a use case): a year of enforcement in two agencies, built through the cases
services, for the annual report tests. The figures they expect are written next to the data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.cases import services as cases
from sanxiang.cases.models import Case
from sanxiang.cases.tests import factories as cf
from sanxiang.registry.models import Agency, Department, EnforcementPost, Officer

YEAR = 2025
# Names the report must never show (parties, an officer, the complainant).
PARTY = "钱多多"
OFFICER_NAME = "孙执法"
PERMIT_FACTS = {"application_complete": True, "service_method": "direct"}
PERMIT_PATH = ("acceptance", "verify", "examination", "decision")


@dataclass
class World:
    agency: Agency
    officer: User
    team: list[Officer]


def _people(agency: Agency, n_officers: int) -> World:
    """Officers on the register since 2 January of the year, one post, one enforcement section."""
    team = cf.officers(agency, n_officers, prefix=f"{agency.slug}{OFFICER_NAME}")
    extra = Officer.objects.create(
        agency=agency,
        name=f"{OFFICER_NAME}（过期）",
        gender="male",
        department=team[0].department,
        cert_no=f"EXPIRED-{agency.slug}",
        cert_valid_from=dt.date(2020, 1, 1),
        cert_valid_until=dt.date(2025, 6, 30),  # expired before 31 December: not on duty
    )
    Department.objects.filter(agency=agency).update(kind="enforcement")
    EnforcementPost.objects.create(
        agency=agency, name="监察员", department=team[0].department, duties="执法检查", headcount=3
    )
    start = cf.at(YEAR, 1, 2)
    for model in (Officer, Department, EnforcementPost):
        model.objects.filter(agency=agency).update(created_at=start)
    assert extra.pk
    officer = cf.staff(agency, "officer", Role.OFFICER)
    return World(agency=agency, officer=officer, team=team)


def _open(
    w: World,
    kind: str,
    procedure: str,
    *,
    when: dt.datetime,
    facts: dict[str, Any],
    source: str = "ex_officio",
) -> Case:
    return cases.open_case(
        actor=w.officer,
        agency=w.agency,
        kind=kind,
        procedure=procedure,
        source=source,
        title=f"{PARTY}相关案件",
        parties=[{"kind": "individual", "name": PARTY, "id_number": "", "address": ""}],
        facts=facts,
        officers=w.team,
        at=when,
    )


def _record(w: World, case: Case, record_type: str, when: dt.datetime, **payload: Any) -> None:
    cases.record(
        actor=w.officer,
        case=case,
        record_type=record_type,
        payload=cf.payload_for(record_type, **payload),
        officers=w.team,
        at=when,
    )


def permit(w: World, *, granted: bool, opened: dt.datetime) -> Case:
    case = _open(
        w, "permit", "standard", when=opened, facts={**PERMIT_FACTS, "permit_granted": granted}
    )
    end = cf.walk(case, PERMIT_PATH, actor=w.officer, team=w.team, start=opened)
    cf.fill_stage(case, actor=w.officer, team=w.team, when=end + dt.timedelta(hours=1))
    return case


def inspection(
    w: World, *, opinion: str | None, opened: dt.datetime, source: str = "ex_officio"
) -> Case:
    """市人社局 行政检查: site check, then the 检查意见 (None: still open at year end)."""
    case = _open(
        w, "inspection", "general", when=opened, facts={"case_accepted": True}, source=source
    )
    if opinion is None:
        return case
    end = cf.walk(case, ("opinion",), actor=w.officer, team=w.team, start=opened)
    _record(w, case, "inspection_opinion", end + dt.timedelta(hours=1), opinion=opinion)
    return case


def simple_penalty(w: World, *, fine: float, when: dt.datetime, source: str = "ex_officio") -> Case:
    """简易程序: the on-the-spot decision is the decision (处罚法 第五十一条)."""
    case = _open(
        w,
        "penalty",
        "simple",
        when=when,
        facts={"facts_conclusive": True, "party_kind": "organization", "fine_amount": fine},
        source=source,
    )
    cf.fill_stage(case, actor=w.officer, team=w.team, when=when + dt.timedelta(hours=1))
    return case


def build_a(agency: Agency) -> World:
    """市人社局 in 2025 — the figures ``test_annual`` expects:

    * 3 officers on duty (a 4th's certificate expired in June), 1 post of 3;
    * permits: 3 applications in 2025, 2 granted + 1 refused decided in 2025; one more opened in
      December 2025 and decided in January 2026 (counts as an application and as pending);
    * inspections: 3 concluded (合格, 责令改正 → 不合格, 未发现违法 → 合格), 1 open (a complaint);
    * penalties: 2 simple penalties, fines 1000 + 3000, one from a complaint;
    * complaints: 2 received — 1 decided, 1 still open at year end.
    """
    w = _people(agency, 3)
    permit(w, granted=True, opened=cf.at(YEAR, 3, 2))
    permit(w, granted=True, opened=cf.at(YEAR, 4, 7))
    permit(w, granted=False, opened=cf.at(YEAR, 5, 6))
    late = _open(
        w,
        "permit",
        "standard",
        when=cf.at(YEAR, 12, 22),
        facts={**PERMIT_FACTS, "permit_granted": True},
    )
    end = cf.walk(late, PERMIT_PATH, actor=w.officer, team=w.team, start=cf.at(YEAR + 1, 1, 5))
    cf.fill_stage(late, actor=w.officer, team=w.team, when=end + dt.timedelta(hours=1))
    inspection(w, opinion="经检查，用人单位劳动用工情况合格。", opened=cf.at(YEAR, 6, 2))
    inspection(w, opinion="存在未依法缴纳社会保险费问题，责令限期改正。", opened=cf.at(YEAR, 6, 9))
    inspection(w, opinion="未发现违法违规问题。", opened=cf.at(YEAR, 7, 1))
    inspection(w, opinion=None, opened=cf.at(YEAR, 11, 3), source="complaint")
    simple_penalty(w, fine=1000.0, when=cf.at(YEAR, 8, 4))
    simple_penalty(w, fine=3000.0, when=cf.at(YEAR, 9, 1), source="complaint")
    return w


def build_b(agency: Agency) -> World:
    """柳州市科技局 in the same year: a penalty from a complaint, a permit. None of it may
    appear in 市人社局's report."""
    w = _people(agency, 5)
    simple_penalty(w, fine=2500.0, when=cf.at(YEAR, 8, 4), source="complaint")
    simple_penalty(w, fine=500.0, when=cf.at(YEAR, 10, 8), source="complaint")
    return w


def published_annual_sample(agency: Agency) -> dict[str, Any]:
    """A published 统计年报 of ``agency`` for URL walks (a fixture written directly, not a use
    case: the figures are computed, the PDF is a stub). Returns the annual URLs' kwargs."""
    from django.utils import timezone

    from sanxiang.disclosure import annual, annual_render
    from sanxiang.disclosure.annual_models import AnnualReport
    from sanxiang.disclosure.choices import NoticeStatus

    year = timezone.localdate().year - 1
    data = annual.compute(agency, year)
    due = annual.due_for(agency, year)
    from sanxiang.accounts.models import User

    author = User.objects.filter(username=f"annual-sample-{agency.slug}").first() or cf.staff(
        agency, "annual-sample", Role.PUBLICITY
    )
    now = timezone.now()
    AnnualReport.objects.get_or_create(
        agency=agency,
        year=year,
        defaults={
            "item_id": due.item_id,
            "item_label": due.label,
            "cite": due.cite,
            "approver_role": Role.LEADER,
            "status": NoticeStatus.PUBLISHED,
            "due_on": due.due_on,
            "data": data,
            "data_sha256": annual_render.digest(data),
            "prepared_at": now,
            "published_at": now,
            "pdf": b"%PDF-1.7 sample",
            "pdf_sha256": "0" * 64,
            "created_by": author,
            "created_at": now,
            "ledger_index": 0,
        },
    )
    return {"slug": agency.slug, "year": year}
