"""Test data and a walker for cases tests (the UI and demo tests may use them too).

Officers are written straight to the ORM; cases only ever go through the services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from conftest import make_user

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.cases import gates, services
from sanxiang.cases.models import Case
from sanxiang.cases.records import fields_for
from sanxiang.core.errors import RuleViolation
from sanxiang.ledger.models import LedgerEntry
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry.choices import Gender
from sanxiang.registry.models import Agency, Department, Officer

SHANGHAI = ZoneInfo("Asia/Shanghai")

AGENCY_NAMES = {
    "wuhan-kjj": "武汉市科学技术局",
    "wuhan-rsj": "武汉市人力资源和社会保障局",
    "liuzhou-kjj": "柳州市科学技术局",
    "qiaokou-rzj": "武汉市硚口区人力资源局",
    "dongxihu-sfj": "武汉市东西湖区司法局",
}


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """An aware Shanghai datetime."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def agency(slug: str) -> Agency:
    found = Agency.objects.filter(slug=slug).first()
    return found or Agency.objects.create(slug=slug, name=AGENCY_NAMES[slug])


def officers(
    agency: Agency,
    n: int = 2,
    *,
    prefix: str = "",
    valid_from: dt.date = dt.date(2025, 1, 1),
    valid_until: dt.date = dt.date(2027, 12, 31),
    **fields: Any,
) -> list[Officer]:
    dept, _ = Department.objects.get_or_create(agency=agency, name="执法处")
    start = Officer.objects.filter(agency=agency).count()
    return [
        Officer.objects.create(
            agency=agency,
            name=f"{prefix or agency.slug}执法员{start + i + 1}",
            gender=Gender.MALE,
            department=dept,
            cert_no=f"{agency.pk:02d}{start + i + 1:06d}",
            cert_valid_from=valid_from,
            cert_valid_until=valid_until,
            **fields,
        )
        for i in range(n)
    ]


def staff(agency: Agency, name: str, *roles: Role) -> User:
    return make_user(f"{name}-{agency.slug}", agency, *roles)


def av(**overrides: Any) -> dict[str, Any]:
    """Complete audio/video metadata (市人社局执法全过程记录办法 第七条)."""
    data: dict[str, Any] = {
        "device_check": True,
        "opening_statement": {
            "time": "2026-03-02 10:00",
            "place": "当事人经营场所",
            "officers": "执法员1、执法员2",
            "party": "某公司",
            "step": "现场检查",
        },
        "continuous": True,
        "interruptions": [],
    }
    data.update(overrides)
    return data


_SAMPLE = {
    "text": "示例内容",
    "list": ["示例一项"],
    "bool": True,
    "number": 1,
    "date": "2026-03-02",
    "datetime": "2026-03-02T10:00:00+08:00",
}


def payload_for(record_type: str, **overrides: Any) -> dict[str, Any]:
    """A payload that satisfies ``record_type``'s fields."""
    data = {spec.name: _SAMPLE[spec.kind] for spec in fields_for(record_type)}
    data.update(overrides)
    return data


def open_case(
    *,
    actor: User,
    agency: Agency,
    kind: str,
    procedure: str,
    team: Sequence[Officer],
    when: dt.datetime,
    facts: dict[str, Any] | None = None,
    source: str = "ex_officio",
    title: str = "某公司涉嫌违法案",
) -> Case:
    return services.open_case(
        actor=actor,
        agency=agency,
        kind=kind,
        procedure=procedure,
        source=source,
        title=title,
        parties=[{"kind": "organization", "name": "某某有限公司", "legal_representative": "李四"}],
        facts=facts or {},
        officers=team,
        at=when,
    )


def fill_stage(case: Case, *, actor: User, team: Sequence[Officer], when: dt.datetime) -> None:
    """Record every record the current stage requires and the case lacks."""
    pack = pack_for_agency(case.agency)
    for rule in gates.missing_records(case, pack):
        needs_av = pack.av_required(rule, gates.facts_of(case))
        services.record(
            actor=actor,
            case=case,
            record_type=rule.id,
            payload=payload_for(rule.id),
            officers=team,
            av=av() if needs_av else None,
            at=when,
        )


def approver(agency: Agency, role: str) -> User:
    """The agency's (one) user holding ``role``, made on first use: who signs off a move the
    pack gives to that role (立案 the section head, 决定 a leader)."""
    username = f"approver-{role}-{agency.slug}"
    found = User.objects.filter(username=username).first()
    return found or make_user(username, agency, Role(role))


def mover(case: Case, to_stage: str, actor: User) -> User:
    """Who makes the move to ``to_stage``: ``actor`` when they may, otherwise the agency's user
    holding the role the pack asks for that move."""
    pack = pack_for_agency(case.agency)
    try:
        transition = gates.check_transition(case, pack, to_stage)
    except RuleViolation:
        return actor  # the service refuses the move itself; let the test see that
    approval = gates.approval_for(case, pack, transition, to_stage)
    if approval is None or actor.has_role(*gates.approvers_for(approval.role)):
        return actor
    return approver(case.agency, approval.role)


def advance(case: Case, to_stage: str, *, actor: User, at: dt.datetime) -> Any:
    """``services.advance`` made by whoever the pack says must approve it (see :func:`mover`)."""
    return services.advance(actor=mover(case, to_stage, actor), case=case, to_stage=to_stage, at=at)


def walk(
    case: Case,
    stages: Sequence[str],
    *,
    actor: User,
    team: Sequence[Officer],
    start: dt.datetime,
    step: dt.timedelta = dt.timedelta(days=1),
) -> dt.datetime:
    """Fill and leave each stage in turn, ``step`` apart; returns the time of the last step.
    ``actor`` records every step; a move the pack gives to an approver (立案, 决定) is made by
    the agency's user of that role."""
    moment = start
    for stage in stages:
        fill_stage(case, actor=actor, team=team, when=moment)
        moment += step
        advance(case, stage, actor=actor, at=moment)
    return moment


def ledger_size(agency: Agency) -> int:
    return LedgerEntry.objects.filter(agency=agency).count()


def counts(agency: Agency) -> dict[str, int]:
    """Rows per table and ledger size: a refused step must leave all of them unchanged."""
    from sanxiang.cases import models

    tables = [
        models.Case,
        models.CaseRecord,
        models.StageChange,
        models.Deadline,
        models.ClockStop,
        models.Extension,
        models.Party,
        models.CaseOfficer,
    ]
    result = {t.__name__: t.objects.filter(agency=agency).count() for t in tables}
    result["ledger"] = ledger_size(agency)
    return result
