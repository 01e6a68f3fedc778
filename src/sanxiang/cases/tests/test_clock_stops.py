"""Overlapping clock stops: a deadline's clock stops once, however many stops hold it, and runs
again only when the last of them ends; the pause is the union of the stops, counted in working
days on the official calendar (许可法 第四十五条, 第八十二条; 5月9日 2026 is a 调休 Saturday)."""

from __future__ import annotations

import datetime as dt

import pytest

from sanxiang.cases import services
from sanxiang.cases.choices import CaseStatus, DeadlineStatus
from sanxiang.cases.models import ClockStop, Deadline
from sanxiang.cases.tests import factories as f
from sanxiang.cases.tests.test_deadlines import Desk
from sanxiang.ledger.models import LedgerEntry
from sanxiang.workdays.calendar import compute, workdays_between

pytestmark = pytest.mark.django_db

ACCEPTED = f.at(2026, 4, 27)  # permit_decision: 20 个工作日 → 2026-05-27
ORIGINAL_DUE = dt.date(2026, 5, 27)


@pytest.fixture
def desk() -> Desk:
    return Desk()


def _stop(desk: Desk, case: object, reason_id: str, at: dt.datetime) -> ClockStop:
    return services.suspend(
        actor=desk.user,
        case=case,  # type: ignore[arg-type]
        reason=f"{reason_id} 期间不计入",
        approved_by=desk.head,
        reason_id=reason_id,
        at=at,
    )


def _decision(case: object) -> Deadline:
    return Deadline.objects.get(case=case, rule_id="permit_decision")


def test_suspension_over_a_testing_stop_is_one_pause(desk: Desk) -> None:
    case = desk.accepted_permit(ACCEPTED)
    assert _decision(case).due == ORIGINAL_DUE
    testing = _stop(desk, case, "testing", f.at(2026, 5, 6))
    suspension = _stop(desk, case, "suspension", f.at(2026, 5, 8))
    deadline = _decision(case)
    assert deadline.status == DeadlineStatus.STOPPED
    assert deadline.stopped_at == f.at(2026, 5, 6)  # the first stop's start is kept
    assert set(suspension.deadlines.all()) == {deadline}  # held by both
    stopped = LedgerEntry.objects.get(agency=desk.agency, index=suspension.ledger_index)
    assert stopped.payload["already_stopped"] == ["permit_decision"]

    # The 鉴定 ends first: the case is still 中止, so the clock must not run.
    ended = services.resume(actor=desk.user, clock_stop=testing, at=f.at(2026, 5, 11))
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.STOPPED and deadline.due == ORIGINAL_DUE
    assert deadline.history[-1]["type"] == "still_stopped"
    resumed = LedgerEntry.objects.get(agency=desk.agency, index=ended.end_ledger_index)
    assert resumed.payload["deadlines"] == {} and resumed.payload["still_stopped"] == [
        "permit_decision"
    ]

    services.resume(actor=desk.user, clock_stop=suspension, at=f.at(2026, 5, 13))
    deadline.refresh_from_db()
    case.refresh_from_db()
    # One pause, 5月6日 to 5月13日: 6 working days (9日 is worked), not 3 + 4 counted twice.
    paused = workdays_between(dt.date(2026, 5, 6), dt.date(2026, 5, 13)).count
    assert paused == 6
    assert deadline.due == compute(ORIGINAL_DUE, paused, "workday").due == dt.date(2026, 6, 4)
    assert deadline.status == DeadlineStatus.OPEN and deadline.stopped_at is None
    assert case.status == CaseStatus.OPEN
    assert [h["type"] for h in deadline.history] == [
        "stopped",
        "also_stopped",
        "still_stopped",
        "resumed",
    ]


def test_ending_the_later_stop_first_does_not_restart_the_clock(desk: Desk) -> None:
    """Two stops the rule lists (鉴定 and 专家评审) on one deadline, ended in the other order."""
    case = desk.accepted_permit(ACCEPTED)
    testing = _stop(desk, case, "testing", f.at(2026, 5, 6))
    experts = _stop(desk, case, "expert_review", f.at(2026, 5, 7))
    services.resume(actor=desk.user, clock_stop=experts, at=f.at(2026, 5, 8))
    deadline = _decision(case)
    assert deadline.status == DeadlineStatus.STOPPED and deadline.due == ORIGINAL_DUE

    services.resume(actor=desk.user, clock_stop=testing, at=f.at(2026, 5, 12))
    deadline.refresh_from_db()
    paused = workdays_between(dt.date(2026, 5, 6), dt.date(2026, 5, 12)).count
    assert paused == 5  # 7, 8, 9 (调休), 11, 12
    assert deadline.due == compute(ORIGINAL_DUE, paused, "workday").due
    assert deadline.status == DeadlineStatus.OPEN
    resumed = [h for h in deadline.history if h["type"] == "resumed"]
    assert len(resumed) == 1 and resumed[0]["clock_stop"] == testing.pk


def test_a_stop_for_another_reason_leaves_the_deadline_running(desk: Desk) -> None:
    """A stop the rule does not list neither stops nor resumes it."""
    case = desk.accepted_permit(ACCEPTED)
    other = _stop(desk, case, "consulting_third_parties", f.at(2026, 5, 6))
    assert not other.deadlines.exists()
    services.resume(actor=desk.user, clock_stop=other, at=f.at(2026, 5, 12))
    deadline = _decision(case)
    assert deadline.status == DeadlineStatus.OPEN and deadline.due == ORIGINAL_DUE
    assert deadline.history == []


def test_a_second_suspension_is_refused_and_writes_nothing(desk: Desk) -> None:
    case = desk.accepted_permit(ACCEPTED)
    _stop(desk, case, "suspension", f.at(2026, 5, 6))
    before = f.counts(desk.agency), f.counts(desk.other)
    with pytest.raises(Exception) as refused:
        _stop(desk, case, "suspension", f.at(2026, 5, 7))
    assert getattr(refused.value, "rule_id", None) == "case_suspended"
    assert (f.counts(desk.agency), f.counts(desk.other)) == before


def test_a_deadline_started_during_a_suspension_starts_stopped(desk: Desk) -> None:
    """Audio/video recorded while the case is 中止: its 2-working-day ingest limit (市人社局
    第二十六条第三款) does not run until the case resumes."""
    case = desk.open("penalty", "general", {"case_accepted": True}, f.at(2026, 4, 27))
    f.walk(
        case, ("filing", "investigation"), actor=desk.user, team=desk.team, start=f.at(2026, 4, 27)
    )
    suspension = _stop(desk, case, "suspension", f.at(2026, 4, 30))
    services.record(
        actor=desk.user,
        case=case,
        record_type="inquiry_record",
        payload=f.payload_for("inquiry_record"),
        officers=desk.team,
        av=f.av(),
        at=f.at(2026, 4, 30, 15),
    )
    ingest = Deadline.objects.get(case=case, rule_id="av_ingest")
    assert ingest.status == DeadlineStatus.STOPPED and ingest.due == dt.date(2026, 5, 7)
    assert set(ClockStop.objects.get(pk=suspension.pk).deadlines.all()) >= {ingest}
    held = LedgerEntry.objects.filter(agency=desk.agency, kind="cases.deadline.held")
    assert [e.payload["rule_id"] for e in held] == ["av_ingest"]

    services.resume(actor=desk.user, clock_stop=suspension, at=f.at(2026, 5, 8))
    ingest.refresh_from_db()
    # Held from 4月30日 to 5月8日: 劳动节 5月1–5日 off, 6、7、8日 worked = 3 working days.
    paused = workdays_between(dt.date(2026, 4, 30), dt.date(2026, 5, 8)).count
    assert ingest.status == DeadlineStatus.OPEN
    assert ingest.due == compute(dt.date(2026, 5, 7), paused, "workday").due
