"""Pages: queue with due/overdue, department view, submit form, review page actions, refusals
shown with their rule and nothing written, another agency's submission a 404."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from sanxiang.review.choices import SubmissionStatus
from sanxiang.review.models import ChecklistFinding, Opinion, Submission
from sanxiang.review.tests.helpers import World

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_queue_marks_due_and_overdue() -> None:
    world = World()
    case, moment = world.case()
    submission = world.submit(case, moment)
    assert submission.due is not None
    client = client_for(world.reviewer)
    with time_machine.travel(dt.datetime.combine(submission.due, dt.time(12)), tick=False):
        page = client.get("/review/").content.decode()
        assert "今日届满" in page and case.number in page
    with time_machine.travel(
        dt.datetime.combine(submission.due + dt.timedelta(days=3), dt.time(12)), tick=False
    ):
        page = client.get("/review/").content.decode()
        assert "已逾期 3 日" in page
    # Another agency's reviewer sees nothing of it.
    other = World("liuzhou-kjj", other="wuhan-kjj")
    assert case.number not in client_for(other.reviewer).get("/review/").content.decode()
    assert client_for(other.reviewer).get(f"/review/{submission.pk}/").status_code == 404


def test_department_submits_through_the_form_and_sees_the_state() -> None:
    world = World()
    case, _ = world.case()
    client = client_for(world.officer)
    assert client.get(f"/review/cases/{case.pk}/submit/").status_code == 200
    response = client.post(
        f"/review/cases/{case.pk}/submit/",
        {
            "proposal": "拟罚款六万元",
            "reasons": "",
            "legal_basis": "某条例",
            "material__material_case_file": "",
        },
    )
    submission = Submission.objects.get(case=case)
    assert response.status_code == 302
    assert submission.status == SubmissionStatus.RETURNED
    page = client.get("/review/submissions/").content.decode()
    assert "材料不全已退回" in page and "理由" in page


def test_review_page_actions_and_refusal_writes_nothing() -> None:
    world = World()
    case, moment = world.case()
    submission = world.submit(case, moment)
    client = client_for(world.reviewer)
    page = client.get(f"/review/{submission.pk}/").content.decode()
    assert "案件全过程记录" in page and "提交审核材料是否完整" in page
    # Approving before the checklist is done is refused with the rule, nothing written.
    before = world.snapshot(case)
    response = client.post(
        f"/review/{submission.pk}/opinion/", {"outcome_id": "outcome_approve", "reasons": "同意"}
    )
    assert response.status_code == 409
    assert "逐项审核" in response.content.decode()
    assert world.snapshot(case) == before
    client.post(
        f"/review/{submission.pk}/finding/",
        {"item_id": "check_procedure", "passed": "0", "note": "未告知", "legality_issue": "on"},
    )
    assert ChecklistFinding.objects.get(submission=submission).passed is False
    # An officer may not record findings: 403.
    officer = client_for(world.officer)
    assert (
        officer.post(
            f"/review/{submission.pk}/finding/", {"item_id": "check_procedure", "passed": "1"}
        ).status_code
        == 403
    )


def test_opinion_document_page() -> None:
    world = World()
    case, moment = world.case()
    opinion = world.approve(case, moment)
    page = client_for(world.officer).get(f"/review/opinions/{opinion.pk}/").content.decode()
    assert "法制审核意见书" in page and opinion.number in page
    assert "存入执法案卷" in page and "法制审核机构留存归档" in page
    other = World("liuzhou-kjj", other="wuhan-kjj")
    assert client_for(other.officer).get(f"/review/opinions/{opinion.pk}/").status_code == 404
    assert Opinion.objects.count() == 1


def test_mark_major_and_emergency_from_the_submit_page() -> None:
    world = World()
    case, _ = world.case({"fine_amount": 10000.0})
    officer = client_for(world.officer)  # holds the section-head role
    page = officer.get(f"/review/cases/{case.pk}/submit/").content.decode()
    assert "mark-major-form" in page and "emergency-form" in page
    # A blank reason is refused on the page; nothing written.
    before = world.snapshot(case)
    officer.post(f"/review/cases/{case.pk}/major/", {"reason": " "})
    assert world.snapshot(case) == before
    response = officer.post(f"/review/cases/{case.pk}/major/", {"reason": "涉及本市重点企业"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.facts["designated_major"] is True
    assert "涉及本市重点企业" in officer.get(f"/review/cases/{case.pk}/submit/").content.decode()
    officer.post(f"/review/cases/{case.pk}/emergency/", {"legal_ground": "情况紧急，依法立即作出"})
    case.refresh_from_db()
    assert case.facts["emergency_measure"] is True
    # Another agency's case: 404; a reviewer may mark but not record an emergency: 403.
    other = World("liuzhou-kjj", other="wuhan-kjj")
    assert (
        client_for(other.officer).post(f"/review/cases/{case.pk}/major/", {"reason": "x"})
    ).status_code == 404
    reviewer = client_for(world.reviewer)
    assert (
        reviewer.post(f"/review/cases/{case.pk}/emergency/", {"legal_ground": "x"}).status_code
        == 403
    )
