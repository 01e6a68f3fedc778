"""Reads are scoped (another agency's case is absent), the timeline is in order, and the
allowed actions carry the rule that blocks them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.cases import selectors, services
from sanxiang.cases.models import Case
from sanxiang.cases.tests import factories as f
from sanxiang.core.errors import NotInScope
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db

START = f.at(2026, 3, 2, 9)
PENALTY = {"case_accepted": True, "on_site_enforcement": True, "service_method": "direct"}


def _case(agency: Agency, user: User, **facts: object) -> Case:
    return f.open_case(
        actor=user,
        agency=agency,
        kind="penalty",
        procedure="general",
        team=f.officers(agency, 2),
        when=START,
        facts={**PENALTY, **facts} if agency.slug == "wuhan-rsj" else dict(facts),
    )


@pytest.fixture
def two(agency_a: Agency, agency_b: Agency, officer_a: User, officer_b: User) -> tuple[Case, Case]:
    return _case(agency_a, officer_a), _case(agency_b, officer_b)


def test_cases_are_scoped_to_the_users_agency(
    two: tuple[Case, Case], officer_a: User, officer_b: User, supervisor: User
) -> None:
    mine, theirs = two
    assert list(selectors.cases_for(officer_a)) == [mine]
    assert list(selectors.cases_for(officer_b)) == [theirs]
    assert set(selectors.cases_for(supervisor)) == {mine, theirs}
    assert selectors.case_for(officer_a, mine.pk) == mine
    with pytest.raises(NotInScope):
        selectors.case_for(officer_a, theirs.pk)


def test_case_numbers_are_gapless_per_agency_and_year(
    agency_a: Agency, agency_b: Agency, officer_a: User, officer_b: User
) -> None:
    first = _case(agency_a, officer_a)
    other = _case(agency_b, officer_b)
    second = _case(agency_a, officer_a)
    assert (first.year, first.sequence, second.sequence) == (2026, 1, 2)
    assert other.sequence == 1
    assert first.number == "市人社局〔2026〕1号"


def test_filters(two: tuple[Case, Case], officer_a: User) -> None:
    mine, _ = two
    officer = mine.assignments.get(is_lead=True).officer
    assert list(selectors.cases_for(officer_a, selectors.CaseFilters(stage="register"))) == [mine]
    assert not selectors.cases_for(officer_a, selectors.CaseFilters(stage="decision"))
    assert list(selectors.cases_for(officer_a, selectors.CaseFilters(officer=officer.pk))) == [mine]
    assert list(selectors.cases_for(officer_a, selectors.CaseFilters(kind="penalty"))) == [mine]
    assert not selectors.cases_for(officer_a, selectors.CaseFilters(kind="permit"))
    assert list(selectors.cases_for(officer_a, selectors.CaseFilters(query="〔2026〕1号"))) == [
        mine
    ]
    assert list(selectors.cases_of_officer(officer)) == [mine]


def test_timeline_in_order(two: tuple[Case, Case], officer_a: User) -> None:
    case, _ = two
    team = [a.officer for a in case.assignments.all()]
    f.walk(case, ("filing", "investigation"), actor=officer_a, team=team, start=START)
    entries = selectors.timeline(case)
    kinds = [e.kind for e in entries]
    assert kinds[:3] == ["stage", "record", "stage"]
    assert "deadline" in kinds
    times = [e.at for e in entries]
    assert times == sorted(times)
    assert entries[0].title.startswith("登记立案")
    assert any(e.kind == "record" and e.title.startswith("内部立案审批") for e in entries)


def test_allowed_actions_say_what_blocks_them(
    two: tuple[Case, Case], officer_a: User, officer_b: User
) -> None:
    case, _ = two
    actions = selectors.allowed_actions(case, officer_a)
    by_stage = {a.id: a for a in actions.advances}
    assert set(by_stage) == {"filing", "not_filed", "investigation"}
    # Nothing recorded yet: every way out is blocked by the missing 案源登记.
    assert by_stage["filing"].blocked is not None
    assert by_stage["filing"].blocked.rule_id == "penalty.general.case_source_register"
    assert by_stage["filing"].blocked.cite
    # 紧急先行调查 needs the emergency fact; the pack's own transition names it.
    records = {a.id: a for a in actions.records}
    assert records["case_source_register"].required and not records["case_source_register"].done

    f.fill_stage(case, actor=officer_a, team=list(case.officers.all()), when=START)
    actions = selectors.allowed_actions(case, officer_a)
    by_stage = {a.id: a for a in actions.advances}
    # 立案 is the leader's approval (第十二条): the officer is told who must approve it …
    assert by_stage["filing"].approver_role == "leader"
    assert by_stage["filing"].blocked is not None
    assert by_stage["filing"].blocked.rule_id == "penalty.general.filing.approval"
    assert "分管局领导" in by_stage["filing"].blocked.message
    assert by_stage["investigation"].approver_role == ""
    # … and the leader may do it.
    leader = f.approver(case.agency, "leader")
    by_stage = {a.id: a for a in selectors.allowed_actions(case, leader).advances}
    assert by_stage["filing"].blocked is None
    assert by_stage["investigation"].blocked is not None
    assert by_stage["investigation"].blocked.rule_id == "penalty.general.urgent_start"
    assert {a.id: a.done for a in actions.records}["case_source_register"]

    # Another agency's user sees the actions, all blocked.
    foreign = selectors.allowed_actions(case, officer_b)
    assert foreign.blocked_case is not None and foreign.blocked_case.rule_id == "scope"
    assert all(a.blocked for a in foreign.advances)


def test_allowed_actions_show_the_rights_window_and_the_party_request(
    agency_a: Agency, officer_a: User
) -> None:
    case = _case(agency_a, officer_a, large_amount_penalty=True)
    team = list(case.officers.all())
    moment = f.walk(
        case, ("filing", "investigation", "notice"), actor=officer_a, team=team, start=START
    )
    f.fill_stage(case, actor=officer_a, team=team, when=moment)
    with time_machine.travel(moment + dt.timedelta(days=1), tick=False):
        actions = selectors.allowed_actions(case, officer_a)
    decision = next(a for a in actions.advances if a.id == "decision")
    assert decision.blocked is not None
    assert decision.blocked.rule_id == "penalty_hearing_request"
    assert "hearing_request_received" in {a.id for a in actions.records}
    inspection_av = selectors.allowed_actions(case, officer_a)  # stage notice: no AV here
    assert not any(a.av_required for a in inspection_av.records)


def test_allowed_actions_on_a_closed_case(agency_a: Agency, officer_a: User) -> None:
    case = _case(agency_a, officer_a, case_accepted=False)
    team = list(case.officers.all())
    f.walk(case, ("not_filed",), actor=officer_a, team=team, start=START)
    actions = selectors.allowed_actions(case, officer_a)
    assert actions.blocked_case is not None and actions.blocked_case.rule_id == "case_closed"
    assert not actions.advances


def test_officer_home_lists_only_their_deadlines(agency_a: Agency, officer_a: User) -> None:
    case = _case(agency_a, officer_a)
    team = list(case.officers.all())
    f.walk(case, ("filing",), actor=officer_a, team=team, start=START)
    f.fill_stage(case, actor=officer_a, team=team, when=START + dt.timedelta(days=1))
    team[0].user = officer_a
    team[0].save(update_fields=["user"])
    views = selectors.deadlines_for_user(officer_a, today=dt.date(2026, 3, 5))
    assert [v.deadline.rule_id for v in views] == ["penalty_decision"]
    stranger = f.staff(agency_a, "stranger", Role.OFFICER)
    assert selectors.deadlines_for_user(stranger) == []
    services.update_facts(actor=officer_a, case=case, facts={"complex_case": True})
    assert case.facts["complex_case"] is True
