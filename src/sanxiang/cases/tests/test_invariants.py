"""DESIGN.md invariants for the case aggregate: no state change without its ledger entry, no
ledger entry without its state change — also when a step fails half-way."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sanxiang.accounts.choices import Role
from sanxiang.cases import deadlines, services
from sanxiang.cases.models import CaseRecord, ClockStop, Deadline, Extension, StageChange
from sanxiang.cases.tests import factories as f
from sanxiang.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db

START = f.at(2026, 3, 2, 9)
FACTS = {"case_accepted": True, "on_site_enforcement": True, "service_method": "direct"}


def _kind_at(agency_id: int, index: int) -> str:
    return str(LedgerEntry.objects.get(agency_id=agency_id, index=index).kind)


def test_every_row_points_at_its_own_ledger_entry() -> None:
    agency = f.agency("wuhan-rsj")
    f.agency("liuzhou-kjj")
    team = f.officers(agency, 2)
    user = f.staff(agency, "officer", Role.OFFICER)
    leader = f.staff(agency, "leader", Role.LEADER)
    case = f.open_case(
        actor=user,
        agency=agency,
        kind="permit",
        procedure="standard",
        team=team,
        when=START,
        facts={"application_complete": True, "permit_granted": True, "service_method": "direct"},
    )
    moment = f.walk(case, ("acceptance", "verify"), actor=user, team=team, start=START)
    stop = services.suspend(
        actor=user, case=case, reason="鉴定", approved_by=leader, reason_id="testing", at=moment
    )
    services.resume(actor=user, clock_stop=stop, at=moment + dt.timedelta(days=2))
    services.extend(
        actor=user,
        deadline=case.deadlines.get(rule_id="permit_decision"),
        reason="复杂",
        approved_by=leader,
        at=moment + dt.timedelta(days=2),
    )
    f.walk(
        case,
        ("examination", "decision", "service", "closed"),
        actor=user,
        team=team,
        start=moment + dt.timedelta(days=2),
    )

    expected: dict[int, set[str]] = {}

    def claim(index: int | None, *kinds: str) -> None:
        assert index is not None
        expected.setdefault(index, set()).update(kinds)

    claim(case.ledger_index, "cases.case.opened")
    for change in StageChange.objects.filter(case=case):
        claim(change.ledger_index, "cases.stage.changed", "cases.case.opened")
    for rec in CaseRecord.objects.filter(case=case):
        claim(rec.ledger_index, "cases.record.added")
        if rec.effect_ledger_index not in (None, rec.ledger_index):  # 公告送达 took effect later
            claim(rec.effect_ledger_index, "cases.record.took_effect")
    for deadline in Deadline.objects.filter(case=case):
        claim(deadline.ledger_index, "cases.deadline.started")
    for clock in ClockStop.objects.filter(case=case):
        claim(clock.ledger_index, "cases.clock.stopped")
        claim(clock.end_ledger_index, "cases.clock.resumed")
    for ext in Extension.objects.filter(case=case):
        claim(ext.ledger_index, "cases.deadline.extended")
    for index, kinds in expected.items():
        assert _kind_at(agency.pk, index) in kinds
    # Every entry about the case is claimed by a row or is a deadline ending/fact change.
    unclaimed = (
        LedgerEntry.objects.filter(agency=agency, subject__endswith=case.number)
        .exclude(index__in=expected)
        .values_list("kind", flat=True)
    )
    # (and a deadline started during 中止, held by the running stop: cases.deadline.held)
    assert set(unclaimed) <= {"cases.deadline.ended", "cases.facts.updated", "cases.deadline.held"}
    ended = Deadline.objects.filter(case=case, ended_at__isnull=False).count()
    assert list(unclaimed).count("cases.deadline.ended") == ended


def test_a_step_that_fails_half_way_leaves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """If anything fails after the record and its ledger entry were written (here: starting the
    deadlines), the whole step rolls back — rows and ledger alike."""
    agency = f.agency("wuhan-rsj")
    team = f.officers(agency, 2)
    user = f.staff(agency, "officer", Role.OFFICER)
    case = f.open_case(
        actor=user,
        agency=agency,
        kind="penalty",
        procedure="general",
        team=team,
        when=START,
        facts=FACTS,
    )
    f.walk(case, ("filing",), actor=user, team=team, start=START)
    before = f.counts(agency)

    def broken(**kwargs: Any) -> list[Deadline]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(deadlines, "start", broken)
    with pytest.raises(RuntimeError):
        services.record(
            actor=user,
            case=case,
            record_type="filing_approval",
            payload=f.payload_for("filing_approval"),
            at=START + dt.timedelta(days=1),
        )
    assert f.counts(agency) == before
