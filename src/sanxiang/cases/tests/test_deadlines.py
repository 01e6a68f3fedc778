"""Deadlines with a frozen clock: started by events, computed over holidays (and provisional past
the holiday table), stopped by 中止 and clock stops, moved by 延期, listed as due or overdue."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from sanxiang.accounts.choices import Role
from sanxiang.cases import selectors, services
from sanxiang.cases.choices import CaseStatus, DeadlineStatus, Urgency
from sanxiang.cases.models import Case, Deadline
from sanxiang.cases.tests import factories as f
from sanxiang.core.errors import RuleViolation
from sanxiang.ledger.models import LedgerEntry
from sanxiang.workdays.calendar import compute, workdays_between

pytestmark = pytest.mark.django_db

PERMIT = {"application_complete": True, "permit_granted": True, "service_method": "direct"}
PENALTY = {"case_accepted": True, "service_method": "direct"}


class Desk:
    """市人社局 with two officers, a section head and a leader; 柳州 as the other agency."""

    def __init__(self) -> None:
        self.agency = f.agency("wuhan-rsj")
        self.other = f.agency("liuzhou-kjj")
        self.team = f.officers(self.agency, 2)
        self.other_team = f.officers(self.other, 2)
        self.user = f.staff(self.agency, "officer", Role.OFFICER)
        self.head = f.staff(self.agency, "head", Role.SECTION_HEAD)
        self.leader = f.staff(self.agency, "leader", Role.LEADER)

    def open(self, kind: str, procedure: str, facts: dict[str, Any], when: dt.datetime) -> Case:
        return f.open_case(
            actor=self.user,
            agency=self.agency,
            kind=kind,
            procedure=procedure,
            team=self.team,
            when=when,
            facts=facts,
        )

    def accepted_permit(self, when: dt.datetime) -> Case:
        """A permit whose acceptance notice was issued at ``when`` (许可 20 个工作日 starts)."""
        case = self.open("permit", "standard", PERMIT, when)
        f.walk(
            case, ("acceptance",), actor=self.user, team=self.team, start=when, step=dt.timedelta(0)
        )
        f.fill_stage(case, actor=self.user, team=self.team, when=when)
        return case

    def filed_penalty(self, when: dt.datetime) -> Case:
        """A penalty case filed (立案审批) at ``when`` (90 日 starts)."""
        case = self.open("penalty", "general", PENALTY, when)
        f.walk(case, ("filing",), actor=self.user, team=self.team, start=when, step=dt.timedelta(0))
        f.fill_stage(case, actor=self.user, team=self.team, when=when)
        return case


@pytest.fixture
def desk() -> Desk:
    return Desk()


def test_penalty_decision_runs_ninety_days_and_past_a_sunday(desk: Desk) -> None:
    case = desk.filed_penalty(f.at(2026, 3, 2))
    deadline = case.deadlines.get(rule_id="penalty_decision")
    # 90 日 from 3月2日 is 5月31日, a Sunday: 民事诉讼法 第八十五条 moves it to 6月1日.
    assert deadline.due == dt.date(2026, 6, 1)
    assert deadline.unit == "day" and deadline.amount == 90
    assert deadline.cite == "中华人民共和国行政处罚法 第六十条"
    assert "2026-05-31" in deadline.explanation and "第八十五条" in deadline.explanation
    assert deadline.computation["skipped"][0]["date"] == "2026-05-31"
    assert deadline.provisional is False
    started = LedgerEntry.objects.get(agency=desk.agency, index=deadline.ledger_index)
    assert started.kind == "cases.deadline.started"


def test_permit_decision_skips_the_labour_day_holiday(desk: Desk) -> None:
    case = desk.accepted_permit(f.at(2026, 4, 27))
    deadline = case.deadlines.get(rule_id="permit_decision")
    assert deadline.due == dt.date(2026, 5, 27)
    skipped = [s["date"] for s in deadline.computation["skipped"]]
    assert {"2026-05-01", "2026-05-05"} <= set(skipped)
    assert "劳动节" in deadline.explanation
    # Accepting ended the "notify what to supplement within 5 working days" clock.
    supplement = case.deadlines.get(rule_id="permit_supplement_notice")
    assert supplement.status == DeadlineStatus.MET


def test_deadline_past_the_holiday_table_is_provisional(desk: Desk) -> None:
    case = desk.accepted_permit(f.at(2026, 12, 21))
    deadline = case.deadlines.get(rule_id="permit_decision")
    assert deadline.due == dt.date(2027, 1, 18)
    assert deadline.provisional is True
    assert "暂定" in deadline.explanation
    views = selectors.deadlines_for_officer(desk.team[0], today=dt.date(2026, 12, 22))
    assert any(v.deadline.pk == deadline.pk and v.deadline.provisional for v in views)


def test_suspension_stops_the_clock_and_moves_the_due_date(desk: Desk) -> None:
    case = desk.accepted_permit(f.at(2026, 4, 27))
    deadline = case.deadlines.get(rule_id="permit_decision")
    stop = services.suspend(
        actor=desk.user,
        case=case,
        reason="申请人因不可抗力不能参加",
        approved_by=desk.head,
        approval_ref="中止审批表 2026-01",
        at=f.at(2026, 5, 6),
    )
    deadline.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    assert deadline.status == DeadlineStatus.STOPPED
    # While stopped the deadline is not overdue even after its old due date.
    view = next(
        v
        for v in selectors.deadlines_for_agency(desk.agency, today=dt.date(2026, 6, 1))
        if v.deadline.pk == deadline.pk
    )
    assert view.urgency != Urgency.OVERDUE

    services.resume(actor=desk.user, clock_stop=stop, reason="不可抗力消除", at=f.at(2026, 5, 13))
    deadline.refresh_from_db()
    case.refresh_from_db()
    paused = workdays_between(dt.date(2026, 5, 6), dt.date(2026, 5, 13)).count
    assert paused == 6  # 5月9日 is a 调休 working Saturday
    assert deadline.due == compute(dt.date(2026, 5, 27), paused, "workday").due
    assert deadline.due == dt.date(2026, 6, 4)
    assert deadline.status == DeadlineStatus.OPEN
    assert case.status == CaseStatus.OPEN
    assert [h["type"] for h in deadline.history] == ["stopped", "resumed"]
    assert "中止 2026-05-06 至 2026-05-13" in deadline.explanation
    kinds = list(
        LedgerEntry.objects.filter(agency=desk.agency, kind__startswith="cases.clock").values_list(
            "kind", flat=True
        )
    )
    assert kinds == ["cases.clock.stopped", "cases.clock.resumed"]


def test_calendar_day_deadline_moves_by_calendar_days(desk: Desk) -> None:
    case = desk.filed_penalty(f.at(2026, 3, 2))
    stop = services.suspend(
        actor=desk.user,
        case=case,
        reason="当事人死亡，须等待继承人",
        approved_by=desk.leader,
        at=f.at(2026, 3, 10),
    )
    services.resume(actor=desk.user, clock_stop=stop, at=f.at(2026, 3, 20))
    deadline = case.deadlines.get(rule_id="penalty_decision")
    # 6月1日 (already past the Sunday) + 10 日 = 6月11日.
    assert deadline.due == compute(dt.date(2026, 6, 1), 10, "day").due == dt.date(2026, 6, 11)
    assert deadline.original_due == dt.date(2026, 6, 1)


def test_testing_stops_only_the_deadlines_that_list_it(desk: Desk) -> None:
    permit = desk.accepted_permit(f.at(2026, 4, 27))
    penalty = desk.filed_penalty(f.at(2026, 4, 27))
    stop = services.suspend(
        actor=desk.user,
        case=permit,
        reason="委托鉴定",
        approved_by=desk.head,
        reason_id="testing",
        at=f.at(2026, 5, 6),
    )
    assert permit.status == CaseStatus.OPEN  # a clock stop is not 中止 of the case
    assert [d.rule_id for d in stop.deadlines.all()] == ["permit_decision"]
    not_stopped = services.suspend(
        actor=desk.user,
        case=penalty,
        reason="委托鉴定",
        approved_by=desk.head,
        reason_id="testing",
        at=f.at(2026, 5, 6),
    )
    assert not not_stopped.deadlines.exists()  # 处罚法 第六十条 lists no such stop
    assert penalty.deadlines.get(rule_id="penalty_decision").status == DeadlineStatus.OPEN


def test_extension_with_approval_once(desk: Desk) -> None:
    case = desk.accepted_permit(f.at(2026, 4, 27))
    deadline = case.deadlines.get(rule_id="permit_decision")
    before = f.counts(desk.agency)
    with pytest.raises(RuleViolation) as caught:
        services.extend(
            actor=desk.user, deadline=deadline, reason="情况复杂", approved_by=desk.head
        )
    assert caught.value.rule_id == "permit_decision.extension"  # needs a leader
    assert f.counts(desk.agency) == before

    extension = services.extend(
        actor=desk.user,
        deadline=deadline,
        reason="需要实地核查，情况复杂",
        approved_by=desk.leader,
        approval_ref="延期审批表",
        at=f.at(2026, 5, 20),
    )
    deadline.refresh_from_db()
    assert extension.previous_due == dt.date(2026, 5, 27)
    assert extension.new_due == deadline.due == compute(dt.date(2026, 5, 27), 10, "workday").due
    assert deadline.extensions_used == 1
    assert "第四十二条" in extension.cite

    before = f.counts(desk.agency)
    with pytest.raises(RuleViolation) as caught:
        services.extend(
            actor=desk.user, deadline=deadline, reason="再次延期", approved_by=desk.leader
        )
    assert caught.value.rule_id == "permit_decision"  # 许可法 第四十二条: 延长十日, once
    assert f.counts(desk.agency) == before


def test_deadline_without_extension_cannot_be_extended(desk: Desk) -> None:
    case = desk.filed_penalty(f.at(2026, 3, 2))
    deadline = case.deadlines.get(rule_id="penalty_decision")
    before = f.counts(desk.agency)
    with pytest.raises(RuleViolation) as caught:
        services.extend(
            actor=desk.user, deadline=deadline, reason="案情复杂", approved_by=desk.leader
        )
    assert caught.value.rule_id == "penalty_decision"
    assert f.counts(desk.agency) == before


def test_overdue_listing_and_sweep_with_a_frozen_clock(desk: Desk) -> None:
    with time_machine.travel(f.at(2026, 3, 2), tick=False):
        case = desk.filed_penalty(f.at(2026, 3, 2))
        other_case = f.open_case(
            actor=f.staff(desk.other, "officer", Role.OFFICER),
            agency=desk.other,
            kind="penalty",
            procedure="general",
            team=desk.other_team,
            when=f.at(2026, 3, 2),
        )
    deadline = case.deadlines.get(rule_id="penalty_decision")

    with time_machine.travel(f.at(2026, 5, 30), tick=False):
        soon = selectors.deadlines_for_officer(desk.team[0])
        assert [(v.deadline.pk, v.urgency) for v in soon] == [(deadline.pk, Urgency.DUE_SOON)]

    with time_machine.travel(f.at(2026, 6, 3), tick=False):
        mine = selectors.deadlines_for_officer(desk.team[0])
        assert [(v.deadline.pk, v.urgency, v.days_left) for v in mine] == [
            (deadline.pk, Urgency.OVERDUE, -2)
        ]
        # The other agency's deadlines never show up on this agency's lists.
        listed = {v.deadline.case_id for v in selectors.deadlines_for_agency(desk.agency)}
        assert listed == {case.pk}
        assert other_case.pk not in {
            v.deadline.case_id for v in selectors.deadlines_for_officer(desk.team[1])
        }
        overdue = selectors.cases_for(desk.user, selectors.CaseFilters(overdue=True))
        assert list(overdue) == [case]
        size = f.ledger_size(desk.agency)
        marked = services.sweep_deadlines(agency=desk.agency)
        assert [d.pk for d in marked] == [deadline.pk]
        assert f.ledger_size(desk.agency) == size + 1
        assert services.sweep_deadlines(agency=desk.agency) == []  # once only
        # Marked missed is still overdue: the case stays on the overdue list and the officer's
        # home page until the decision is made at last.
        overdue = selectors.cases_for(desk.user, selectors.CaseFilters(overdue=True))
        assert list(overdue) == [case]
        on_time = selectors.cases_for(desk.user, selectors.CaseFilters(overdue=False))
        assert case not in on_time
        mine = selectors.deadlines_for_officer(desk.team[0])
        assert [(v.deadline.pk, v.deadline.status, v.urgency) for v in mine] == [
            (deadline.pk, DeadlineStatus.MISSED, Urgency.OVERDUE)
        ]

    # Done at last: still missed, but the time it was done is kept.
    team = desk.team
    moment = f.walk(
        case,
        ("investigation", "notice", "decision"),
        actor=desk.user,
        team=team,
        start=f.at(2026, 6, 4),
    )
    f.fill_stage(case, actor=desk.user, team=team, when=moment)
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.MISSED and deadline.ended_at == moment
    with time_machine.travel(moment, tick=False):
        late = selectors.overdue_deadlines(moment.date())
        assert deadline not in late  # done late is no longer owed


def test_a_decision_made_late_is_recorded_as_missed(desk: Desk) -> None:
    case = desk.open("penalty", "general", PENALTY, f.at(2026, 3, 2))
    moment = f.walk(
        case,
        ("filing", "investigation", "notice", "decision"),
        actor=desk.user,
        team=desk.team,
        start=f.at(2026, 3, 2),
        step=dt.timedelta(days=40),
    )
    f.fill_stage(case, actor=desk.user, team=desk.team, when=moment)
    decision = case.deadlines.get(rule_id="penalty_decision")
    assert decision.status == DeadlineStatus.MISSED  # filed 4月11日, decided 120 日 later
    service = case.deadlines.get(rule_id="penalty_service")  # 宣告 starts the 7 个工作日
    assert service.status == DeadlineStatus.OPEN
    assert service.due == compute(moment.date(), 7, "workday").due


def test_urgent_start_must_be_filed_within_two_working_days(desk: Desk) -> None:
    case = desk.open("penalty", "general", {**PENALTY, "emergency_start": True}, f.at(2026, 4, 30))
    f.fill_stage(case, actor=desk.user, team=desk.team, when=f.at(2026, 4, 30))
    services.advance(actor=desk.user, case=case, to_stage="investigation", at=f.at(2026, 4, 30))
    emergency = case.deadlines.get(rule_id="emergency_filing")
    # 4月30日 + 2 个工作日 over 劳动节 (5月1–5日) = 5月7日.
    assert emergency.due == dt.date(2026, 5, 7)
    f.fill_stage(case, actor=desk.user, team=desk.team, when=f.at(2026, 5, 6))
    # 补办立案 is approved by a leader (市人社局行政执法全过程记录办法 第十二条).
    services.advance(actor=desk.leader, case=case, to_stage="filing", at=f.at(2026, 5, 6))
    f.fill_stage(case, actor=desk.user, team=desk.team, when=f.at(2026, 5, 6))
    emergency.refresh_from_db()
    assert emergency.status == DeadlineStatus.MET


def test_av_must_be_stored_within_the_ingest_limit(desk: Desk) -> None:
    agency = f.agency("qiaokou-rzj")
    team = f.officers(agency, 2)
    user = f.staff(agency, "officer", Role.OFFICER)
    case = f.open_case(
        actor=user,
        agency=agency,
        kind="coercion",
        procedure="seizure",
        team=team,
        when=f.at(2026, 3, 2),
        facts={"coercive_measure": True, "party_present": True},
    )
    f.walk(case, ("implementation",), actor=user, team=team, start=f.at(2026, 3, 2))
    f.fill_stage(case, actor=user, team=team, when=f.at(2026, 3, 3))
    ingest = Deadline.objects.get(case=case, rule_id="av_ingest")
    assert ingest.due == compute(dt.date(2026, 3, 3), 2, "workday").due
    seizure = Deadline.objects.get(case=case, rule_id="seizure_period")
    assert seizure.due == dt.date(2026, 4, 2)
    services.record(
        actor=user,
        case=case,
        record_type="av_stored",
        payload={"summary": "已存储"},
        at=f.at(2026, 3, 4),
    )
    ingest.refresh_from_db()
    assert ingest.status == DeadlineStatus.MET
