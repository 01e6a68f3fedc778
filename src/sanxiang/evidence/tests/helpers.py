"""Cases for the evidence and archive tests, built through the cases services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.cases.tests import factories as f

FILED = {"case_accepted": True, "service_method": "direct"}
# One inspection per agency: the shortest path to a closed case in every pack.
INSPECTIONS: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "wuhan-kjj": (
        ("filing", "investigation", "notice", "decision", "service", "closed"),
        {**FILED, "on_site_enforcement": True},
    ),
    "wuhan-rsj": (("opinion", "service", "closed"), FILED),
    "liuzhou-kjj": (
        ("site_check", "draft_decision", "decision", "service", "execution", "archived"),
        {},
    ),
    "qiaokou-rzj": (("inquiry", "opinion", "service", "closed"), {}),
    "dongxihu-sfj": (("site_check", "decision", "archived"), {}),
}
START = f.at(2026, 3, 2, 9)


def officer(slug: str) -> User:
    agency = f.agency(slug)
    return f.staff(agency, "officer", Role.OFFICER)


def open_with_record(slug: str, actor: User | None = None) -> tuple[Case, CaseRecord, User]:
    """An open inspection with the records of its first stage (at least one)."""
    agency = f.agency(slug)
    actor = actor or officer(slug)
    team = f.officers(agency, 2)
    path, facts = INSPECTIONS[slug]
    case = f.open_case(
        actor=actor, agency=agency, kind="inspection", procedure="general", team=team,
        when=START, facts=facts,
    )  # fmt: skip
    f.fill_stage(case, actor=actor, team=team, when=START)
    if not case.records.exists():
        f.walk(case, path[:1], actor=actor, team=team, start=START)
        f.fill_stage(case, actor=actor, team=team, when=START + dt.timedelta(days=1))
    record = case.records.order_by("id").first()
    assert record is not None
    return case, record, actor


def close(case: Case, actor: User, *, start: dt.datetime | None = None) -> dt.datetime:
    path, _ = INSPECTIONS[case.agency.slug]
    done = [c.to_stage for c in case.stage_changes.all()]
    remaining = [stage for stage in path if stage not in done]
    team = list(case.officers.all())
    last = f.walk(
        case, remaining, actor=actor, team=team, start=start or START + dt.timedelta(days=2)
    )
    case.refresh_from_db()
    assert case.is_closed
    return last
