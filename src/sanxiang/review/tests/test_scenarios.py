"""Scenarios through approval, change, correction, re-review and escalation, and the gate:
a decision the review has not allowed leaves the decision, the case and the ledger unchanged."""

from __future__ import annotations

import datetime as dt

import pytest

from sanxiang.cases import services as case_services
from sanxiang.cases.gates import InvalidInput
from sanxiang.cases.models import CaseRecord
from sanxiang.core.errors import NotInScope
from sanxiang.review import gate, services
from sanxiang.review.choices import SubmissionStatus
from sanxiang.review.models import LegalityIssue, Submission
from sanxiang.review.tests.helpers import SETUPS, World, refused

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def decide(world: World, case, at):  # type: ignore[no-untyped-def]
    # The leader records the decision: the decision stage needs 负责人 approval in every pack.
    return lambda: case_services.advance(actor=world.leader, case=case, to_stage="decision", at=at)


@pytest.mark.parametrize("slug", sorted(SETUPS))
def test_approval_lets_the_decision_through(slug: str) -> None:
    world = World(slug)
    case, moment = world.case()
    message = refused(world, case, decide(world, case, moment), "no_decision_without_review")
    assert "重大执法决定" in message
    opinion = world.approve(case, moment)
    assert opinion.allows_decision
    assert [c["destination"] for c in opinion.copies] == ["case_file", "review_archive"]
    assert gate.allows(case)
    case_services.advance(actor=world.leader, case=case, to_stage="decision", at=moment + DAY)
    assert case.stage == "decision"


@pytest.mark.parametrize("slug", sorted(SETUPS))
def test_non_approving_opinion_keeps_the_gate_shut(slug: str) -> None:
    world = World(slug)
    case, moment = world.case()
    submission = world.submit(case, moment)
    world.check_all(submission, moment)
    # Still in review: no opinion yet.
    refused(world, case, decide(world, case, moment), "no_decision_without_review")
    services.issue_opinion(
        actor=world.reviewer,
        submission=submission,
        outcome_id=world.refuse_id(),
        reasons="证据不足",
        at=moment,
    )
    refused(world, case, decide(world, case, moment + DAY), "no_decision_without_review")
    assert CaseRecord.objects.filter(case=case, stage="decision").count() == 0


@pytest.mark.parametrize("slug", sorted(SETUPS))
def test_changed_facts_need_a_new_review(slug: str) -> None:
    world = World(slug)
    case, moment = world.case()
    world.approve(case, moment)
    case_services.update_facts(
        actor=world.officer, case=case, facts=world.setup["change"], at=moment
    )
    assert not gate.allows(case)
    assert "重新送审" in gate.state(case).reason
    refused(world, case, decide(world, case, moment + DAY), "no_decision_without_review")
    world.approve(case, moment + DAY)
    first = Submission.objects.get(case=case, sequence=1)
    assert first.status == SubmissionStatus.SUPERSEDED
    case_services.advance(actor=world.leader, case=case, to_stage="decision", at=moment + DAY)


def test_changed_proposal_supersedes_the_approved_one() -> None:
    world = World()
    case, moment = world.case()
    world.approve(case, moment)
    assert gate.allows(case)
    world.submit(case, moment, proposal="改为罚款八万元")
    assert not gate.allows(case)
    refused(world, case, decide(world, case, moment + DAY), "no_decision_without_review")


def test_incomplete_submission_is_returned_with_what_is_missing_and_no_clock() -> None:
    world = World()
    case, moment = world.case()
    submission = services.submit(
        actor=world.officer,
        case=case,
        proposal="拟罚款六万元",
        reasons="",
        legal_basis="某条例第十条",
        materials={},
        at=moment,
    )
    assert submission.status == SubmissionStatus.RETURNED
    assert "理由" in submission.missing
    assert "完整的行政执法卷宗材料" in submission.missing
    assert "其他需要提交的相关证据、证明材料" not in submission.missing  # not required
    assert submission.due is None and submission.complete_at is None
    assert "退回" in gate.state(case).reason
    refused(
        world,
        None,
        lambda: services.record_finding(
            actor=world.reviewer, submission=submission, item_id="check_procedure", passed=True
        ),
        "review_not_open",
    )


def test_complete_submission_starts_the_clock_in_working_days() -> None:
    world = World()
    case, _ = world.case()
    thursday = dt.datetime(2026, 4, 30, 10, tzinfo=case.opened_at.tzinfo)
    submission = world.submit(case, thursday)
    # 5 个工作日 from 2026-04-30: 劳动节 5月1日—5日 skipped, 5月9日 (Saturday) worked (调休).
    assert submission.due == dt.date(2026, 5, 11)
    assert "第十二条" in submission.due_cite
    assert submission.due_explanation


def test_extension_needs_the_head_and_happens_once() -> None:
    world = World()
    case, moment = world.case()
    submission = world.submit(case, moment)
    before = submission.due
    refused(
        world,
        case,
        lambda: services.extend(
            actor=world.reviewer, submission=submission, approver=world.reviewer, reason="复杂"
        ),
        "review_extension",
    )
    extended = services.extend(
        actor=world.reviewer,
        submission=submission,
        approver=world.leader,
        reason="案情复杂",
        approval_ref="批件〔2026〕1号",
        at=moment,
    )
    assert extended.due is not None and before is not None and extended.due > before
    assert extended.history[-1]["approver"] == world.leader.username
    refused(
        world,
        case,
        lambda: services.extend(
            actor=world.reviewer, submission=submission, approver=world.leader, reason="再延"
        ),
        "review_extension",
    )


def test_opinion_needs_every_required_checklist_item() -> None:
    world = World()
    case, moment = world.case()
    submission = world.submit(case, moment)
    services.record_finding(
        actor=world.reviewer,
        submission=submission,
        item_id="check_procedure",
        passed=True,
        at=moment,
    )
    message = refused(
        world,
        case,
        lambda: services.issue_opinion(
            actor=world.reviewer,
            submission=submission,
            outcome_id="outcome_approve",
            reasons="同意",
            at=moment,
        ),
        "check_materials_complete",
    )
    assert "逐项审核" in message


def test_legality_issue_blocks_until_corrected_and_reviewed_again() -> None:
    world = World()
    case, moment = world.case()
    submission = world.submit(case, moment)
    world.check_all(submission, moment)
    services.record_finding(
        actor=world.reviewer,
        submission=submission,
        item_id="check_procedure",
        passed=False,
        note="未告知听证权利",
        legality_issue=True,
        at=moment,
    )
    refused(
        world,
        case,
        lambda: services.issue_opinion(
            actor=world.reviewer,
            submission=submission,
            outcome_id="outcome_approve",
            reasons="同意",
            at=moment,
        ),
        "no_decision_until_corrected",
    )
    services.issue_opinion(
        actor=world.reviewer,
        submission=submission,
        outcome_id="outcome_correct",
        reasons="程序违法，应予纠正",
        at=moment,
    )
    issue = LegalityIssue.objects.get(case=case)
    # Resubmitted and approved, the open issue still blocks the decision.
    new = world.submit(case, moment + DAY)
    world.check_all(new, moment + DAY)
    refused(
        world,
        case,
        lambda: services.issue_opinion(
            actor=world.reviewer, submission=new, outcome_id="outcome_approve", reasons="同意"
        ),
        "no_decision_until_corrected",
    )
    assert "合法性问题" in gate.state(case).reason
    services.correct_issue(
        actor=world.reviewer, issue=issue, correction="已补充告知听证权利", at=moment + DAY
    )
    services.issue_opinion(
        actor=world.reviewer,
        submission=new,
        outcome_id="outcome_approve",
        reasons="已纠正，同意",
        at=moment + DAY,
    )
    case_services.advance(actor=world.leader, case=case, to_stage="decision", at=moment + 2 * DAY)
    assert case.stage == "decision"


def test_rereview_once_then_the_head_decides() -> None:
    world = World()
    case, moment = world.case()
    submission = world.submit(case, moment)
    world.check_all(submission, moment)
    services.issue_opinion(
        actor=world.reviewer,
        submission=submission,
        outcome_id="outcome_amend",
        reasons="裁量不当，建议罚款五万元",
        at=moment,
    )
    # The head cannot decide before the re-review.
    refused(
        world,
        case,
        lambda: services.escalate(
            actor=world.leader,
            submission=submission,
            department_opinion="维持",
            review_office_opinion="变更",
            deputy_opinion="同意承办机构",
            allows_decision=True,
            reasons="x",
        ),
        "escalation",
    )
    services.request_rereview(
        actor=world.officer, submission=submission, reasons="裁量符合基准第三档", at=moment
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.REREVIEW
    services.issue_opinion(
        actor=world.reviewer,
        submission=submission,
        outcome_id="outcome_amend",
        reasons="复审维持变更意见",
        at=moment + DAY,
    )
    message = refused(
        world,
        case,
        lambda: services.request_rereview(
            actor=world.officer, submission=submission, reasons="再议"
        ),
        "rereview",
    )
    assert "1次" in message
    refused(world, case, decide(world, case, moment + DAY), "no_decision_without_review")
    # Only the head (escalation.decided_by = leader) decides.
    with pytest.raises(Exception):  # noqa: B017 - the role refusal
        services.escalate(
            actor=world.officer,
            submission=submission,
            department_opinion="维持",
            review_office_opinion="变更",
            deputy_opinion="同意",
            allows_decision=True,
            reasons="x",
        )
    with pytest.raises(InvalidInput):
        services.escalate(
            actor=world.leader,
            submission=submission,
            department_opinion="维持",
            review_office_opinion="变更",
            deputy_opinion="",
            allows_decision=True,
            reasons="x",
        )
    escalation = services.escalate(
        actor=world.leader,
        submission=submission,
        department_opinion="维持原处理建议",
        review_office_opinion="建议变更为罚款五万元",
        deputy_opinion="同意承办机构意见",
        allows_decision=True,
        reasons="裁量符合基准",
        collective_discussion="2026年3月10日局长办公会集体讨论",
        at=moment + DAY,
    )
    assert "第十一条" in escalation.cite
    assert gate.allows(case)
    case_services.advance(actor=world.leader, case=case, to_stage="decision", at=moment + 2 * DAY)


def test_head_refusing_after_rereview_keeps_the_gate_shut() -> None:
    world = World("wuhan-kjj")
    case, moment = world.case()
    submission = world.submit(case, moment)
    world.check_all(submission, moment)
    services.issue_opinion(
        actor=world.reviewer,
        submission=submission,
        outcome_id="outcome_amend",
        reasons="变更",
        at=moment,
    )
    services.request_rereview(actor=world.officer, submission=submission, reasons="异议", at=moment)
    services.issue_opinion(
        actor=world.reviewer,
        submission=submission,
        outcome_id="outcome_amend",
        reasons="维持",
        at=moment,
    )
    arguments = {
        "submission": submission,
        "department_opinion": "撤销",
        "review_office_opinion": "撤回",
        "deputy_opinion": "同意法制处",
        "allows_decision": False,
        "reasons": "依法制处意见变更后重新送审",
        "party_group_meeting": True,
        "at": moment,
    }
    # 第十条: the deputy head (分管副局长) gives an opinion; the 局长 (head) decides.
    refused(world, case, lambda: services.escalate(actor=world.leader, **arguments), "review_role")
    escalation = services.escalate(actor=world.head, **arguments)
    # 三重一大: recorded as decided by the party group meeting, with its article.
    assert escalation.party_group_meeting
    assert escalation.cite.count("第十条") == 2 and "第二款" in escalation.cite
    refused(world, case, decide(world, case, moment + DAY), "no_decision_without_review")


def test_party_group_meeting_only_where_the_pack_has_it() -> None:
    world = World()  # 市人社局: no 三重一大 rule in its 审核办法
    case, moment = world.case()
    submission = world.submit(case, moment)
    world.check_all(submission, moment)
    for reasons in ("变更", "维持"):
        if reasons == "维持":
            services.request_rereview(
                actor=world.officer, submission=submission, reasons="异议", at=moment
            )
        services.issue_opinion(
            actor=world.reviewer,
            submission=submission,
            outcome_id="outcome_amend",
            reasons=reasons,
            at=moment,
        )
    arguments = {
        "submission": submission,
        "department_opinion": "维持",
        "review_office_opinion": "变更",
        "deputy_opinion": "同意",
        "allows_decision": True,
        "reasons": "同意",
        "at": moment,
    }
    refused(
        world,
        case,
        lambda: services.escalate(actor=world.head, party_group_meeting=True, **arguments),
        "party_group_meeting",
    )
    # 本局行政负责人 (第十一条): the head as well as the deputy in charge may decide.
    escalation = services.escalate(actor=world.head, **arguments)
    assert not escalation.party_group_meeting and "第十一条" in escalation.cite


def test_wuhan_kjj_extension_needs_the_director_not_a_deputy() -> None:
    world = World("wuhan-kjj")
    case, moment = world.case()
    submission = world.submit(case, moment)
    message = refused(
        world,
        case,
        lambda: services.extend(
            actor=world.reviewer, submission=submission, approver=world.leader, reason="复杂"
        ),
        "review_extension",
    )
    assert "主要负责人" in message
    extended = services.extend(
        actor=world.reviewer,
        submission=submission,
        approver=world.head,
        reason="情况复杂",
        approval_ref="局长批示",
        at=moment,
    )
    assert extended.extensions_used == 1 and "第十一条" in extended.history[-1]["cite"]


def test_agency_without_rereview_refuses_it() -> None:
    world = World("liuzhou-kjj")
    case, moment = world.case()
    submission = world.submit(case, moment)
    world.check_all(submission, moment)
    services.issue_opinion(
        actor=world.reviewer,
        submission=submission,
        outcome_id="outcome_supplement",
        reasons="补充补齐材料",
        at=moment,
    )
    refused(
        world,
        case,
        lambda: services.request_rereview(actor=world.officer, submission=submission, reasons="x"),
        "rereview",
    )


def test_hand_marked_case_is_gated() -> None:
    world = World()
    case, moment = world.case({"fine_amount": 10000.0})
    # Not major by the criteria: the decision could go ahead …
    services.mark_major(actor=world.reviewer, case=case, reason="涉及本市重点企业", at=moment)
    case.refresh_from_db()
    assert case.facts["designated_major"] is True
    refused(world, case, decide(world, case, moment), "no_decision_without_review")
    submission = world.submit(case, moment)
    assert any(g["rule"] == "hand_marked" for g in submission.grounds)
    world.check_all(submission, moment)
    services.issue_opinion(
        actor=world.reviewer,
        submission=submission,
        outcome_id="outcome_approve",
        reasons="同意",
        at=moment,
    )
    case_services.advance(actor=world.leader, case=case, to_stage="decision", at=moment + DAY)


def test_hand_mark_gates_a_pack_without_a_designation_fact() -> None:
    """硚口's pack (national criteria only) declares no ``designated_major`` fact: the hand mark
    itself must still hold the decision until review allows it."""
    world = World("qiaokou-rzj", other="wuhan-rsj")
    case, moment = world.case()
    services.mark_major(actor=world.reviewer, case=case, reason="涉及群体性争议", at=moment)
    message = refused(world, case, decide(world, case, moment), "no_decision_without_review")
    assert "涉及群体性争议" in message


def test_emergency_decision_recorded_with_its_ground_needs_no_prior_review() -> None:
    world = World()
    case, moment = world.case()
    row = services.record_emergency(
        actor=world.officer,
        case=case,
        legal_ground="情况紧急，为防止危害扩大依法立即作出",
        at=moment,
    )
    assert "第四条第二款" in row.cite
    case_services.advance(actor=world.leader, case=case, to_stage="decision", at=moment + DAY)


def test_entrusted_review_office() -> None:
    world = World()
    case, moment = world.case()
    submission = services.submit(
        actor=world.officer,
        case=case,
        proposal="拟罚款",
        reasons="理由",
        legal_basis="依据",
        materials=world.materials(),
        entrusted_org="武汉市劳动保障监察支队",
        at=moment,
    )
    assert submission.office.startswith("武汉市劳动保障监察支队")
    other = World("liuzhou-kjj", other="wuhan-kjj")
    case2, moment2 = other.case()
    refused(
        other,
        case2,
        lambda: services.submit(
            actor=other.officer,
            case=case2,
            proposal="x",
            reasons="x",
            legal_basis="x",
            materials=other.materials(),
            entrusted_org="某组织",
            at=moment2,
        ),
        "entrusted_review",
    )


def test_other_agency_cannot_act() -> None:
    world = World()
    case, moment = world.case()
    before = world.snapshot(case)
    with pytest.raises(NotInScope):
        services.submit(
            actor=world.other_officer,
            case=case,
            proposal="x",
            reasons="x",
            legal_basis="x",
            materials=world.materials(),
            at=moment,
        )
    assert world.snapshot(case) == before


def test_reviewer_role_required_for_findings() -> None:
    world = World()
    case, moment = world.case()
    submission = world.submit(case, moment)
    refused(
        world,
        case,
        lambda: services.record_finding(
            actor=world.officer, submission=submission, item_id="check_procedure", passed=True
        ),
        "review_role",
    )


def test_head_decision_needs_the_collective_discussion_first() -> None:
    world = World()
    case, moment = world.case({"collective_discussion_required": True})
    submission = world.submit(case, moment)
    world.check_all(submission, moment)
    services.issue_opinion(
        actor=world.reviewer,
        submission=submission,
        outcome_id="outcome_amend",
        reasons="变更",
        at=moment,
    )
    services.request_rereview(actor=world.officer, submission=submission, reasons="异议", at=moment)
    services.issue_opinion(
        actor=world.reviewer,
        submission=submission,
        outcome_id="outcome_amend",
        reasons="维持",
        at=moment,
    )
    arguments = {
        "actor": world.leader,
        "submission": submission,
        "department_opinion": "维持",
        "review_office_opinion": "变更",
        "deputy_opinion": "同意承办机构",
        "allows_decision": True,
        "reasons": "同意",
        "at": moment,
    }
    message = refused(
        world, case, lambda: services.escalate(**arguments), "collective_discussion_first"
    )
    assert "集体讨论" in message
    services.escalate(**arguments, collective_discussion="2026年3月9日局务会集体讨论，同意")
    assert gate.allows(case)
