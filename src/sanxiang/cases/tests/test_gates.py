"""Every gate refuses with the rule that stops it, and a refused step writes nothing: neither the
case tables nor the ledger change (counted before and after, in both agencies)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.cases import gates, services
from sanxiang.cases.choices import CaseStatus
from sanxiang.cases.models import Case
from sanxiang.cases.tests import factories as f
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.registry.choices import CertificateStatus
from sanxiang.registry.models import Agency, Officer
from sanxiang.workdays.calendar import compute

pytestmark = pytest.mark.django_db

START = f.at(2026, 3, 2, 9)  # a Monday
PENALTY = {
    "case_accepted": True,
    "on_site_enforcement": True,
    "party_kind": "organization",
    "fine_amount": 10000.0,
    "service_method": "direct",
}


class World:
    """Two agencies with officers; a penalty case of 市人社局 at its ``register`` stage."""

    def __init__(self) -> None:
        self.agency = f.agency("wuhan-rsj")
        self.other = f.agency("liuzhou-kjj")
        self.team = f.officers(self.agency, 2)
        self.foreign = f.officers(self.other, 2)
        self.user = f.staff(self.agency, "officer", Role.OFFICER)
        self.other_user = f.staff(self.other, "officer", Role.OFFICER)
        # 决定 is the leader's (市人社局行政执法全过程记录办法 第二十条).
        self.leader = f.staff(self.agency, "leader", Role.LEADER)

    def case(self, facts: dict[str, Any] | None = None) -> Case:
        return f.open_case(
            actor=self.user,
            agency=self.agency,
            kind="penalty",
            procedure="general",
            team=self.team,
            when=START,
            facts={**PENALTY, **(facts or {})},
        )

    def walk(self, case: Case, stages: tuple[str, ...], start: dt.datetime = START) -> dt.datetime:
        return f.walk(case, stages, actor=self.user, team=self.team, start=start)

    def snapshot(self, case: Case | None = None) -> dict[str, Any]:
        state: dict[str, Any] = {"a": f.counts(self.agency), "b": f.counts(self.other)}
        if case is not None:
            fresh = Case.objects.get(pk=case.pk)
            state["case"] = (fresh.stage, fresh.status, fresh.facts, fresh.closed_at)
        return state


@pytest.fixture
def world() -> World:
    return World()


def refused(world: World, case: Case | None, action: Callable[[], object], rule_id: str) -> str:
    """Run ``action``, expect a RuleViolation naming ``rule_id`` and no write; return message."""
    before = world.snapshot(case)
    with pytest.raises(RuleViolation) as caught:
        action()
    assert caught.value.rule_id == rule_id, (caught.value.rule_id, caught.value.message)
    assert caught.value.cite
    assert world.snapshot(case) == before
    return caught.value.message


def test_missing_required_record(world: World) -> None:
    case = world.case()
    message = refused(
        world,
        case,
        lambda: services.advance(actor=world.user, case=case, to_stage="filing", at=START),
        "penalty.general.case_source_register",
    )
    assert "案源登记" in message or "离开本环节前须完成" in message


def test_transition_the_pack_does_not_allow(world: World) -> None:
    case = world.case()
    f.fill_stage(case, actor=world.user, team=world.team, when=START)
    refused(
        world,
        case,
        lambda: services.advance(actor=world.user, case=case, to_stage="decision", at=START),
        "penalty.general",
    )


def test_transition_whose_condition_fails(world: World) -> None:
    case = world.case({"case_accepted": False})
    f.fill_stage(case, actor=world.user, team=world.team, when=START)
    refused(
        world,
        case,
        lambda: services.advance(actor=world.user, case=case, to_stage="filing", at=START),
        "penalty.general.accept_case",
    )


def _transcript(world: World, case: Case, officers: list[Officer], **extra: Any) -> object:
    return services.record(
        actor=world.user,
        case=case,
        record_type="investigation_transcript",
        payload=f.payload_for("investigation_transcript"),
        officers=officers,
        at=START + dt.timedelta(days=3),
        **extra,
    )


def test_investigation_needs_two_officers(world: World) -> None:
    case = world.case()
    world.walk(case, ("filing", "investigation"))
    message = refused(
        world,
        case,
        lambda: _transcript(world, case, world.team[:1]),
        "penalty.general.investigation",
    )
    assert "不少于 2 名" in message


@pytest.mark.parametrize(
    ("change", "label"),
    [
        ({"valid_until": dt.date(2026, 3, 1)}, "已过期"),
        ({"cert_status": CertificateStatus.SUSPENDED}, "暂扣"),
        ({"cert_status": CertificateStatus.REVOKED}, "已注销"),
        ({"valid_from": dt.date(2026, 12, 1)}, "尚未生效"),
    ],
)
def test_invalid_certificate_does_not_count(
    world: World, change: dict[str, Any], label: str
) -> None:
    case = world.case()
    world.walk(case, ("filing", "investigation"))
    weak = f.officers(world.agency, 1, prefix="证件有问题", **change)[0]
    message = refused(
        world,
        case,
        lambda: _transcript(world, case, [world.team[0], weak]),
        "penalty.general.investigation",
    )
    assert label in message


def test_officer_of_another_agency(world: World) -> None:
    case = world.case()
    world.walk(case, ("filing", "investigation"))
    refused(world, case, lambda: _transcript(world, case, world.foreign), "officer_agency")
    refused(
        world,
        None,
        lambda: f.open_case(
            actor=world.user,
            agency=world.agency,
            kind="penalty",
            procedure="general",
            team=[world.team[0], world.foreign[0]],
            when=START,
        ),
        "officer_agency",
    )


def test_expired_officer_cannot_be_assigned(world: World) -> None:
    expired = f.officers(world.agency, 1, valid_until=dt.date(2026, 1, 1))
    refused(
        world,
        None,
        lambda: f.open_case(
            actor=world.user,
            agency=world.agency,
            kind="penalty",
            procedure="general",
            team=expired,
            when=START,
        ),
        "officer_certificate",
    )


def test_mandatory_av_missing_or_incomplete(world: World) -> None:
    case = world.case()
    world.walk(case, ("filing", "investigation"))

    def inspection_av(av: dict[str, Any] | None) -> Callable[[], object]:
        return lambda: services.record(
            actor=world.user,
            case=case,
            record_type="inspection_av",
            payload=f.payload_for("inspection_av"),
            officers=world.team,
            av=av,
            at=START + dt.timedelta(days=3),
        )

    rule = "penalty.general.inspection_av"
    assert "必须全程音像记录" in refused(world, case, inspection_av(None), rule)
    assert "设备检查" in refused(world, case, inspection_av(f.av(device_check=False)), rule)
    assert "书面说明" in refused(world, case, inspection_av(f.av(continuous=False)), rule)
    no_reason = f.av(interruptions=[{"at": "10:05"}])
    assert "原因" in refused(world, case, inspection_av(no_reason), rule)
    # The case cannot leave the stage without it either.
    refused(
        world,
        case,
        lambda: services.advance(
            actor=world.user, case=case, to_stage="notice", at=START + dt.timedelta(days=4)
        ),
        "penalty.general.investigation_transcript",
    )


def test_payload_must_hold_what_the_record_type_needs(world: World) -> None:
    case = world.case()
    message = refused(
        world,
        case,
        lambda: services.record(
            actor=world.user, case=case, record_type="case_source_register", payload={}, at=START
        ),
        "penalty.general.case_source_register",
    )
    assert "未填写" in message


def test_record_not_of_the_current_stage(world: World) -> None:
    case = world.case()
    refused(
        world,
        case,
        lambda: services.record(
            actor=world.user,
            case=case,
            record_type="penalty_decision_document",
            payload=f.payload_for("penalty_decision_document"),
            at=START,
        ),
        "penalty.general.register",
    )


def _to_notice(world: World, case: Case) -> dt.datetime:
    """Walk to 告知 and serve the notices; returns when they were served."""
    moment = world.walk(case, ("filing", "investigation", "notice"))
    f.fill_stage(case, actor=world.user, team=world.team, when=moment)
    return moment


def test_no_decision_while_the_hearing_request_window_is_open(world: World) -> None:
    case = world.case({"large_amount_penalty": True})
    served = _to_notice(world, case)
    window = case.deadlines.get(rule_id="penalty_hearing_request")
    assert window.due > served.date()
    refused(
        world,
        case,
        lambda: services.advance(
            actor=world.user, case=case, to_stage="decision", at=served + dt.timedelta(days=1)
        ),
        "penalty_hearing_request",
    )
    # Once the window has run out without a request, the decision may be made.
    after = dt.datetime.combine(window.due + dt.timedelta(days=1), served.timetz())
    services.advance(actor=world.leader, case=case, to_stage="decision", at=after)
    window.refresh_from_db()
    assert case.stage == "decision" and window.status == "void"


def test_requested_hearing_must_be_held_and_notified_seven_days_before(world: World) -> None:
    case = world.case({"large_amount_penalty": True})
    served = _to_notice(world, case)
    asked = served + dt.timedelta(days=1)
    services.record(
        actor=world.user,
        case=case,
        record_type="hearing_request_received",
        payload={"summary": "当事人书面要求听证"},
        at=asked,
    )
    assert case.facts["hearing_requested"] is True
    later = asked + dt.timedelta(days=10)
    refused(
        world,
        case,
        lambda: services.advance(actor=world.user, case=case, to_stage="decision", at=later),
        "penalty_hearing_request",
    )
    services.advance(actor=world.user, case=case, to_stage="hearing", at=asked)
    earliest = compute(asked.date(), 7, "workday").due
    too_early = f.payload_for("hearing_notification", hearing_at=str(earliest - dt.timedelta(1)))
    refused(
        world,
        case,
        lambda: services.record(
            actor=world.user,
            case=case,
            record_type="hearing_notification",
            payload=too_early,
            officers=world.team,
            at=asked,
        ),
        "penalty_hearing_notice",
    )
    services.record(
        actor=world.user,
        case=case,
        record_type="hearing_notification",
        payload=f.payload_for("hearing_notification", hearing_at=f"{earliest}T09:30:00+08:00"),
        officers=world.team,
        at=asked,
    )
    wait = case.deadlines.get(rule_id="penalty_hearing_notice")
    too_soon = asked + dt.timedelta(days=2)
    message = refused(
        world,
        case,
        lambda: services.record(
            actor=world.user,
            case=case,
            record_type="hearing_transcript",
            payload=f.payload_for("hearing_transcript"),
            officers=world.team,
            at=too_soon,
        ),
        "penalty_hearing_notice",
    )
    assert wait.due.isoformat() in message
    held = dt.datetime.combine(wait.due, asked.timetz())
    services.record(
        actor=world.user,
        case=case,
        record_type="hearing_transcript",
        payload=f.payload_for("hearing_transcript"),
        officers=world.team,
        at=held,
    )
    services.advance(actor=world.leader, case=case, to_stage="decision", at=held)
    assert case.stage == "decision"


def test_major_decision_needs_review(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    # 市人社局法制审核办法: 对法人罚款五万元以上 is major.
    case = world.case({"fine_amount": 60000.0})
    moment = world.walk(case, ("filing", "investigation", "notice", "legal_review"))
    f.fill_stage(case, actor=world.user, team=world.team, when=moment)
    message = refused(
        world,
        case,
        lambda: services.advance(actor=world.user, case=case, to_stage="decision", at=moment),
        "no_decision_without_review",
    )
    assert "重大执法决定" in message
    # The hook the review app fills is the only thing that lets it through.
    monkeypatch.setattr(gates, "review_allows", lambda case: True)
    services.advance(actor=world.leader, case=case, to_stage="decision", at=moment)
    assert case.stage == "decision"


def test_closed_case_accepts_nothing(world: World) -> None:
    case = world.case()
    moment = world.walk(case, ("filing", "investigation"))
    f.fill_stage(case, actor=world.user, team=world.team, when=moment)
    services.close_case(actor=world.user, case=case, to_stage="closed", at=moment)
    assert case.status == CaseStatus.CLOSED
    for action in (
        lambda: _transcript(world, case, world.team),
        lambda: services.advance(actor=world.user, case=case, to_stage="notice", at=moment),
        lambda: services.update_facts(actor=world.user, case=case, facts={"complex_case": True}),
        lambda: services.suspend(
            actor=world.user, case=case, reason="x", approved_by=world.user, at=moment
        ),
    ):
        refused(world, case, action, "case_closed")


def test_suspended_case_does_not_move(world: World) -> None:
    case = world.case()
    head = f.staff(world.agency, "head", Role.SECTION_HEAD)
    services.suspend(
        actor=world.user, case=case, reason="当事人下落不明", approved_by=head, at=START
    )
    f.fill_stage(case, actor=world.user, team=world.team, when=START)
    refused(
        world,
        case,
        lambda: services.advance(actor=world.user, case=case, to_stage="filing", at=START),
        "case_suspended",
    )


def test_clock_stop_needs_an_approver_with_the_role(world: World) -> None:
    case = world.case()
    refused(
        world,
        case,
        lambda: services.suspend(
            actor=world.user, case=case, reason="理由", approved_by=world.user, at=START
        ),
        "clock_stop_approval",
    )
    other_head = f.staff(world.other, "head", Role.SECTION_HEAD)
    refused(
        world,
        case,
        lambda: services.suspend(
            actor=world.user, case=case, reason="理由", approved_by=other_head, at=START
        ),
        "clock_stop_approval",
    )


def test_simple_procedure_only_within_its_amounts(world: World) -> None:
    refused(
        world,
        None,
        lambda: f.open_case(
            actor=world.user,
            agency=world.agency,
            kind="penalty",
            procedure="simple",
            team=world.team,
            when=START,
            facts={"facts_conclusive": True, "party_kind": "organization", "fine_amount": 5000.0},
        ),
        "penalty.simple",
    )


def test_user_of_another_agency_writes_nothing(world: World) -> None:
    case = world.case()
    before = world.snapshot(case)
    with pytest.raises(NotInScope):
        services.record(
            actor=world.other_user,
            case=case,
            record_type="case_source_register",
            payload=f.payload_for("case_source_register"),
            at=START,
        )
    with pytest.raises(NotInScope):
        f.open_case(
            actor=world.other_user,
            agency=world.agency,
            kind="penalty",
            procedure="general",
            team=world.team,
            when=START,
        )
    assert world.snapshot(case) == before


def test_unknown_or_mistyped_facts_are_refused(world: World) -> None:
    before = world.snapshot()
    with pytest.raises(gates.InvalidFacts):
        world.case({"no_such_fact": True})
    with pytest.raises(gates.InvalidFacts):
        world.case({"fine_amount": "many"})
    with pytest.raises(gates.InvalidFacts):
        world.case({"service_method": "pigeon"})
    assert world.snapshot() == before


def test_electronic_service_never_for_a_decision(world: World) -> None:
    agency: Agency = f.agency("wuhan-kjj")
    team = f.officers(agency, 2)
    user: User = f.staff(agency, "officer", Role.OFFICER)
    case = f.open_case(
        actor=user,
        agency=agency,
        kind="permit",
        procedure="standard",
        team=team,
        when=START,
        facts={"application_complete": True, "service_method": "electronic"},
    )
    moment = f.walk(
        case,
        ("acceptance", "verify", "examination", "decision", "service"),
        actor=user,
        team=team,
        start=START,
    )
    payload = f.payload_for("electronic_service_record", document="不予行政许可决定书")
    with pytest.raises(RuleViolation) as caught:
        services.record(
            actor=user,
            case=case,
            record_type="electronic_service_record",
            payload=payload,
            at=moment,
        )
    assert caught.value.rule_id == "permit.standard.electronic_service_record"
    assert "决定书不得以传真、电子邮件方式送达" in caught.value.message


def test_no_decision_before_the_statement_date_unless_heard(world: World) -> None:
    case = world.case()
    moment = world.walk(case, ("filing", "investigation", "notice"))
    notice = f.payload_for("penalty_notice", statement_until="2026-03-12")
    services.record(
        actor=world.user,
        case=case,
        record_type="penalty_notice",
        payload=notice,
        officers=world.team,
        at=moment,
    )
    on_the_day = f.at(2026, 3, 12, 16)
    refused(
        world,
        case,
        lambda: services.advance(actor=world.user, case=case, to_stage="decision", at=on_the_day),
        "statement_window",
    )
    # Once the party has been heard (and the statement re-examined), the decision may follow.
    services.update_facts(actor=world.user, case=case, facts={"rights_statement_made": True})
    services.record(
        actor=world.user,
        case=case,
        record_type="statement_record",
        payload=f.payload_for("statement_record"),
        officers=world.team,
        at=on_the_day,
    )
    services.advance(actor=world.leader, case=case, to_stage="decision", at=on_the_day)
    assert case.stage == "decision"


def test_statement_date_passes(world: World) -> None:
    case = world.case()
    moment = world.walk(case, ("filing", "investigation", "notice"))
    notice = f.payload_for("penalty_notice", statement_until="2026-03-12")
    services.record(
        actor=world.user,
        case=case,
        record_type="penalty_notice",
        payload=notice,
        officers=world.team,
        at=moment,
    )
    services.advance(actor=world.leader, case=case, to_stage="decision", at=f.at(2026, 3, 13))
    assert case.stage == "decision"


def test_steps_are_recorded_in_the_order_they_happened(world: World) -> None:
    case = world.case()
    moment = world.walk(case, ("filing",))
    refused(
        world,
        case,
        lambda: services.record(
            actor=world.user,
            case=case,
            record_type="filing_approval",
            payload=f.payload_for("filing_approval"),
            at=moment - dt.timedelta(hours=1),
        ),
        "chronology",
    )
    refused(
        world,
        case,
        lambda: services.advance(
            actor=world.user,
            case=case,
            to_stage="investigation",
            at=moment - dt.timedelta(minutes=1),
        ),
        "chronology",
    )


def test_public_notice_service_runs_thirty_days(world: World) -> None:
    case = world.case({"service_method": "public_notice"})
    moment = world.walk(case, ("filing", "investigation", "notice", "decision", "service"))
    short = f.payload_for("public_notice_record", start_date="2026-03-10", end_date="2026-03-30")
    message = refused(
        world,
        case,
        lambda: services.record(
            actor=world.user,
            case=case,
            record_type="public_notice_record",
            payload=short,
            at=moment,
        ),
        "penalty.general.public_notice_record",
    )
    assert "三十日" in message


def test_hearing_request_out_of_time(world: World) -> None:
    case = world.case({"large_amount_penalty": True})
    served = _to_notice(world, case)
    window = case.deadlines.get(rule_id="penalty_hearing_request")
    late = dt.datetime.combine(window.due + dt.timedelta(days=1), served.timetz())
    message = refused(
        world,
        case,
        lambda: services.record(
            actor=world.user,
            case=case,
            record_type="hearing_request_received",
            payload={"summary": "当事人要求听证"},
            at=late,
        ),
        "penalty_hearing_request",
    )
    assert "已超过" in message
