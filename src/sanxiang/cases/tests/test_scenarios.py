"""For each of the five agencies, a typical case of each kind it handles, walked from opening
to closure through the services; the agency's ledger verifies afterwards (issue 4, done-when).

The other agency's ledger is untouched by the walk: every scenario opens a case in two agencies'
worth of data (the walked one and a bystander).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
import time_machine

from sanxiang.accounts.choices import Role
from sanxiang.cases import gates, selectors, services
from sanxiang.cases.choices import CaseStatus, DeadlineStatus
from sanxiang.cases.models import CaseRecord, StageChange
from sanxiang.cases.tests import factories as f
from sanxiang.core.errors import RuleViolation
from sanxiang.ledger.models import LedgerEntry
from sanxiang.ledger.verification import verify_agency

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Scenario:
    slug: str
    kind: str
    procedure: str
    path: tuple[str, ...]
    facts: dict[str, Any] = field(default_factory=dict)
    step_days: int = 1

    @property
    def id(self) -> str:
        return f"{self.slug}:{self.kind}.{self.procedure}"


PERMIT_FACTS = {"application_complete": True, "permit_granted": True, "service_method": "direct"}
FILED = {"case_accepted": True, "service_method": "direct"}
PENALTY = {
    **FILED,
    "on_site_enforcement": True,
    "party_kind": "organization",
    "fine_amount": 10000.0,
}
APPLICATION = ("acceptance", "verify", "examination", "decision", "service", "closed")
DONGXIHU_GENERAL = ("investigation", "decision", "service", "archived")

SCENARIOS = [
    # 武汉市科技局: 外国人来华工作许可 and its inspections.
    Scenario(
        "wuhan-kjj",
        "permit",
        "standard",
        APPLICATION,
        {**PERMIT_FACTS, "application_channel": "counter"},
    ),
    Scenario(
        "wuhan-kjj",
        "permit",
        "extension",
        ("acceptance", "examination", "decision", "service", "closed"),
    ),
    Scenario(
        "wuhan-kjj",
        "inspection",
        "general",
        ("filing", "investigation", "notice", "decision", "service", "closed"),
        {**FILED, "on_site_enforcement": True},
    ),
    # 市人社局: 处罚, 许可, 检查, 确认, 征收.
    Scenario(
        "wuhan-rsj",
        "penalty",
        "general",
        (
            "filing",
            "investigation",
            "notice",
            "legal_review",
            "decision",
            "service",
            "execution",
            "closed",
        ),
        PENALTY,
        step_days=3,
    ),
    Scenario(
        "wuhan-rsj",
        "penalty",
        "simple",
        ("closed",),
        {"facts_conclusive": True, "party_kind": "organization", "fine_amount": 1000.0},
    ),
    Scenario("wuhan-rsj", "permit", "standard", APPLICATION, PERMIT_FACTS),
    Scenario("wuhan-rsj", "inspection", "general", ("opinion", "service", "closed"), FILED),
    Scenario("wuhan-rsj", "confirmation", "standard", APPLICATION, PERMIT_FACTS),
    Scenario("wuhan-rsj", "levy", "standard", APPLICATION, PERMIT_FACTS),
    # 柳州市科技局: 处罚, 许可, 审批, 检查.
    Scenario(
        "liuzhou-kjj",
        "penalty",
        "general",
        ("investigation", "notice", "decision", "service", "execution", "closed"),
        {"on_site_enforcement": True},
    ),
    Scenario(
        "liuzhou-kjj",
        "permit",
        "standard",
        (
            "acceptance",
            "site_check",
            "draft_decision",
            "decision",
            "service",
            "execution",
            "archived",
        ),
        {**PERMIT_FACTS, "application_channel": "oral"},
    ),
    Scenario(
        "liuzhou-kjj",
        "approval",
        "standard",
        ("acceptance", "draft_decision", "decision", "service", "execution", "archived"),
        {"application_complete": True, "service_method": "lodged"},
    ),
    Scenario(
        "liuzhou-kjj",
        "inspection",
        "general",
        ("site_check", "draft_decision", "decision", "service", "execution", "archived"),
    ),
    # 硚口区人资局: 处罚, 强制, 检查.
    Scenario(
        "qiaokou-rzj",
        "penalty",
        "general",
        ("filing", "investigation", "notice", "decision", "service", "execution", "closed"),
        PENALTY,
    ),
    Scenario(
        "qiaokou-rzj",
        "coercion",
        "seizure",
        ("implementation", "handling", "closed"),
        {"coercive_measure": True, "party_present": False},
    ),
    Scenario(
        "qiaokou-rzj",
        "coercion",
        "general",
        ("decision", "service", "implementation", "closed"),
        {"coercive_measure": True},
    ),
    Scenario("qiaokou-rzj", "inspection", "general", ("inquiry", "opinion", "service", "closed")),
    # 东西湖区司法局: 给付, 奖励, 其他行政权力, 检查.
    Scenario("dongxihu-sfj", "benefit", "general", DONGXIHU_GENERAL, {"dispute_likely": True}),
    Scenario("dongxihu-sfj", "reward", "general", DONGXIHU_GENERAL),
    Scenario(
        "dongxihu-sfj",
        "other_power",
        "general",
        DONGXIHU_GENERAL,
        {"service_method": "lodged", "high_public_attention": True},
    ),
    Scenario("dongxihu-sfj", "inspection", "general", ("site_check", "decision", "archived")),
]


def test_the_scenarios_cover_every_kind_of_every_agency() -> None:
    """Issue 4, done-when: a typical case of each kind each agency handles."""
    from sanxiang.policy.loader import load_pack

    for slug in f.AGENCY_NAMES:
        kinds = set(load_pack(slug).model.case_kinds)
        assert {s.kind for s in SCENARIOS if s.slug == slug} == kinds, slug


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_typical_case_walks_to_closure_and_the_ledger_verifies(scenario: Scenario) -> None:
    agency = f.agency(scenario.slug)
    bystander = f.agency("wuhan-rsj" if scenario.slug != "wuhan-rsj" else "liuzhou-kjj")
    team = f.officers(agency, 2)
    officer = f.staff(agency, "officer", Role.OFFICER)
    bystander_size = f.ledger_size(bystander)
    start = f.at(2026, 3, 2, 9)
    case = f.open_case(
        actor=officer,
        agency=agency,
        kind=scenario.kind,
        procedure=scenario.procedure,
        team=team,
        when=start,
        facts=scenario.facts,
    )

    last = f.walk(
        case,
        scenario.path,
        actor=officer,
        team=team,
        start=start,
        step=dt.timedelta(days=scenario.step_days),
    )

    case.refresh_from_db()
    assert case.stage == scenario.path[-1]
    assert case.status == CaseStatus.CLOSED
    assert case.closed_at == last
    # One stage change per step plus the opening, each ledgered in order.
    changes = list(StageChange.objects.filter(case=case).order_by("at", "id"))
    assert [c.to_stage for c in changes[1:]] == list(scenario.path)
    indexes = [c.ledger_index for c in changes]
    assert indexes == sorted(indexes) and len(set(indexes)) == len(indexes)
    # Every approval the pack asks for (决定 is a leader's in every pack) was given by a user of
    # the agency holding that role, never by the officer who walked the case.
    approved = {c.to_stage: c for c in changes if c.approval_role}
    if "decision" in scenario.path:
        assert approved["decision"].approval_role == Role.LEADER
    for change in approved.values():
        assert change.approved_by is not None and change.approved_by != officer
        assert change.approved_by.agency_id == agency.pk
        assert change.approved_by.has_role(*gates.approvers_for(change.approval_role))
    for rec in CaseRecord.objects.filter(case=case):
        entry = LedgerEntry.objects.get(agency=agency, index=rec.ledger_index)
        assert entry.kind == "cases.record.added"
        assert f"{case.number}" in entry.subject
    # Nothing still runs on a closed case.
    assert not case.deadlines.filter(status__in=[DeadlineStatus.OPEN, DeadlineStatus.STOPPED])
    report = verify_agency(agency)
    assert report.ok, report.as_json()
    assert report.entries == f.ledger_size(agency) > len(scenario.path)
    assert f.ledger_size(bystander) == bystander_size
    # A closed case accepts nothing more.
    with pytest.raises(Exception) as refused:
        services.update_facts(actor=officer, case=case, facts={})
    assert getattr(refused.value, "rule_id", None) == "case_closed"


def test_permit_with_supplement_and_extension_then_granted() -> None:
    """许可法 第三十二条 一次告知补正, 第四十二条 延长十日, then 准予 and 送达."""
    agency = f.agency("wuhan-rsj")
    team = f.officers(agency, 2)
    officer = f.staff(agency, "officer", Role.OFFICER)
    leader = f.staff(agency, "leader", Role.LEADER)
    start = f.at(2026, 4, 20, 9)
    case = f.open_case(
        actor=officer,
        agency=agency,
        kind="permit",
        procedure="standard",
        team=team,
        when=start,
        facts={"application_complete": False, "service_method": "postal"},
        source="application",
        title="某公司申请行政许可",
    )
    moment = f.walk(case, ("supplement",), actor=officer, team=team, start=start)
    f.fill_stage(case, actor=officer, team=team, when=moment)
    supplement = case.deadlines.get(rule_id="permit_supplement_notice")
    assert supplement.status == DeadlineStatus.MET
    services.update_facts(actor=officer, case=case, facts={"application_complete": True}, at=moment)
    moment = f.walk(case, ("acceptance", "verify"), actor=officer, team=team, start=moment)
    decision = case.deadlines.get(rule_id="permit_decision")
    services.extend(
        actor=officer, deadline=decision, reason="需要专家评审", approved_by=leader, at=moment
    )
    services.update_facts(actor=officer, case=case, facts={"permit_granted": True}, at=moment)
    f.walk(
        case,
        ("examination", "decision", "service", "closed"),
        actor=officer,
        team=team,
        start=moment,
    )
    decision.refresh_from_db()
    assert decision.status == DeadlineStatus.MET and decision.extensions_used == 1
    certificate = case.deadlines.get(rule_id="permit_certificate")
    assert certificate.status == DeadlineStatus.MET  # 送达 of a granted permit issues it
    assert verify_agency(agency).ok


def test_court_enforcement_only_after_the_demand_period() -> None:
    """强制法 第五十四条: 催告书送达十日后 may the court be asked."""
    agency = f.agency("qiaokou-rzj")
    team = f.officers(agency, 2)
    officer = f.staff(agency, "officer", Role.OFFICER)
    start = f.at(2026, 3, 2, 9)
    case = f.open_case(
        actor=officer,
        agency=agency,
        kind="penalty",
        procedure="general",
        team=team,
        when=start,
        facts={**PENALTY, "overdue_performance": True},
    )
    moment = f.walk(
        case,
        ("filing", "investigation", "notice", "decision", "service", "execution"),
        actor=officer,
        team=team,
        start=start,
    )
    f.fill_stage(case, actor=officer, team=team, when=moment)  # 催告书 among them
    wait = case.deadlines.get(rule_id="court_enforcement_wait")
    services.advance(actor=officer, case=case, to_stage="court_enforcement", at=moment)
    with time_machine.travel(moment + dt.timedelta(days=1), tick=False):
        offered = {a.id: a for a in selectors.allowed_actions(case, officer).records}
    blocker = offered["enforcement_application"].blocked
    assert blocker is not None and blocker.rule_id == "court_enforcement_wait"
    application = f.payload_for("enforcement_application")
    before = f.counts(agency)
    with pytest.raises(RuleViolation) as caught:
        services.record(
            actor=officer,
            case=case,
            record_type="enforcement_application",
            payload=application,
            at=moment + dt.timedelta(days=3),
        )
    assert caught.value.rule_id == "court_enforcement_wait"
    assert f.counts(agency) == before
    services.record(
        actor=officer,
        case=case,
        record_type="enforcement_application",
        payload=application,
        at=dt.datetime.combine(wait.due, moment.timetz()),
    )
    wait.refresh_from_db()
    assert wait.status == DeadlineStatus.MET
    services.close_case(actor=officer, case=case, at=dt.datetime.combine(wait.due, moment.timetz()))
    assert case.status == CaseStatus.CLOSED
    assert verify_agency(agency).ok
