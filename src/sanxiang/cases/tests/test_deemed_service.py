"""公告送达: deemed served thirty days after the announcement starts (民事诉讼法 第九十五条).

The served event meets the 7-working-day service deadline (处罚法 第六十一条) and starts what
follows service on the deemed day, not when the announcement is recorded; until then the case
stays in 送达, the deadline is neither overdue nor swept as missed.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from sanxiang.accounts.choices import Role
from sanxiang.cases import selectors, services
from sanxiang.cases.choices import DeadlineStatus
from sanxiang.cases.models import Case, CaseRecord, Deadline
from sanxiang.cases.records import PUBLIC_NOTICE_DAYS
from sanxiang.cases.tests import factories as f
from sanxiang.cases.tests.test_scenarios import PENALTY
from sanxiang.core.errors import RuleViolation
from sanxiang.ledger.models import LedgerEntry
from sanxiang.ledger.verification import verify_agency

pytestmark = pytest.mark.django_db

START = f.at(2026, 3, 2, 9)
PATH = ("filing", "investigation", "notice", "legal_review", "decision", "service")


class Office:
    def __init__(self) -> None:
        self.agency = f.agency("wuhan-rsj")
        self.other = f.agency("liuzhou-kjj")
        self.team = f.officers(self.agency, 2)
        self.officer = f.staff(self.agency, "officer", Role.OFFICER)

    def served_by_announcement(self, announced: dt.date) -> tuple[Case, CaseRecord, dt.datetime]:
        """A penalty case in 送达 whose decision is announced publicly from ``announced``."""
        case = f.open_case(
            actor=self.officer,
            agency=self.agency,
            kind="penalty",
            procedure="general",
            team=self.team,
            when=START,
            facts={**PENALTY, "service_method": "public_notice"},
        )
        moment = f.walk(case, PATH, actor=self.officer, team=self.team, start=START)
        end = announced + dt.timedelta(days=PUBLIC_NOTICE_DAYS)
        record = services.record(
            actor=self.officer,
            case=case,
            record_type="public_notice_record",
            payload=f.payload_for(
                "public_notice_record",
                start_date=announced.isoformat(),
                end_date=end.isoformat(),
            ),
            officers=self.team,
            at=moment,
        )
        return case, record, moment


def _service_deadline(case: Case) -> Deadline:
    return Deadline.objects.get(case=case, rule_id="penalty_service")


def test_announcement_serves_thirty_days_after_it_starts_and_the_sweep_applies_it() -> None:
    office = Office()
    announced = dt.date(2026, 3, 9)
    case, record, _ = office.served_by_announcement(announced)
    served_on = dt.date(2026, 4, 8)  # 3月9日 + 30 日
    assert record.effective_at == f.at(2026, 4, 8, 0)
    assert record.effect_ledger_index is None
    deadline = _service_deadline(case)
    assert deadline.due < served_on  # 7 个工作日 after the decision: long before 4月8日
    assert deadline.status == DeadlineStatus.OPEN and deadline.scheduled_end == served_on
    added = LedgerEntry.objects.get(agency=office.agency, index=record.ledger_index)
    assert added.payload["deferred_events"] == ["decision_served"]
    assert added.payload["scheduled_deadlines"] == ["penalty_service"]

    # Between the due date and the deemed day: not overdue, not missed, and the case waits.
    with time_machine.travel(f.at(2026, 3, 30), tick=False):
        assert deadline not in selectors.overdue_deadlines(dt.date(2026, 3, 30))
        view = next(
            v for v in selectors.deadlines_for_agency(office.agency) if v.deadline == deadline
        )
        assert view.urgency != "overdue"
    marked = services.sweep_deadlines(agency=office.agency, today=dt.date(2026, 3, 30))
    assert deadline not in marked
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.OPEN
    before = f.counts(office.agency), f.counts(office.other)
    with pytest.raises(RuleViolation) as caught:
        services.advance(
            actor=office.officer, case=case, to_stage="execution", at=f.at(2026, 4, 7, 17)
        )
    assert caught.value.rule_id == "penalty.general.public_notice_record"
    assert caught.value.cite == "中华人民共和国民事诉讼法 第九十五条"
    assert "2026-04-08" in caught.value.message
    assert (f.counts(office.agency), f.counts(office.other)) == before

    # The deemed day: the sweep lets the announcement take effect (ledgered, no actor).
    services.sweep_deadlines(agency=office.agency, today=served_on)
    record.refresh_from_db()
    deadline.refresh_from_db()
    assert record.effect_ledger_index is not None
    took = LedgerEntry.objects.get(agency=office.agency, index=record.effect_ledger_index)
    assert took.kind == "cases.record.took_effect" and took.payload["events"] == ["decision_served"]
    # Announced within the 7 working days: met, on the day the party is deemed served.
    assert deadline.status == DeadlineStatus.MET
    assert deadline.ended_at == f.at(2026, 4, 8, 0)
    services.advance(actor=office.officer, case=case, to_stage="execution", at=f.at(2026, 4, 8, 9))
    assert case.stage == "execution"
    assert verify_agency(office.agency).ok
    # The case page says when the announcement served.
    client = Client()
    client.force_login(office.officer)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "已于 2026-04-08 视为送达" in page


def test_the_next_step_applies_a_due_announcement_without_the_sweep() -> None:
    office = Office()
    case, record, _ = office.served_by_announcement(dt.date(2026, 3, 9))
    services.advance(actor=office.officer, case=case, to_stage="execution", at=f.at(2026, 4, 9, 9))
    record.refresh_from_db()
    assert record.effect_ledger_index is not None
    deadline = _service_deadline(case)
    assert deadline.status == DeadlineStatus.MET and deadline.ended_at == f.at(2026, 4, 8, 0)
    took = LedgerEntry.objects.get(agency=office.agency, index=record.effect_ledger_index)
    stage = LedgerEntry.objects.get(
        agency=office.agency, index=case.stage_changes.get(to_stage="execution").ledger_index
    )
    assert took.index < stage.index  # served first, then moved on


def test_an_announcement_started_late_misses_the_service_deadline() -> None:
    office = Office()
    case, _, _ = office.served_by_announcement(dt.date(2026, 3, 30))
    deadline = _service_deadline(case)
    assert deadline.due < dt.date(2026, 3, 30)
    services.sweep_deadlines(agency=office.agency, today=dt.date(2026, 4, 29))
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.MISSED
    assert deadline.ended_at == f.at(2026, 4, 29, 0)


def test_an_announcement_shorter_than_thirty_days_is_refused() -> None:
    office = Office()
    case = f.open_case(
        actor=office.officer,
        agency=office.agency,
        kind="penalty",
        procedure="general",
        team=office.team,
        when=START,
        facts={**PENALTY, "service_method": "public_notice"},
    )
    moment = f.walk(case, PATH, actor=office.officer, team=office.team, start=START)
    before = f.counts(office.agency), f.counts(office.other)
    with pytest.raises(RuleViolation) as caught:
        services.record(
            actor=office.officer,
            case=case,
            record_type="public_notice_record",
            payload=f.payload_for(
                "public_notice_record", start_date="2026-03-09", end_date="2026-03-30"
            ),
            officers=office.team,
            at=moment,
        )
    assert caught.value.rule_id == "penalty.general.public_notice_record"
    assert (f.counts(office.agency), f.counts(office.other)) == before
