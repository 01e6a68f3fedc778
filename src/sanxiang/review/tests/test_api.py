"""REST API: classification, submission, findings, opinion, re-review, escalation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from sanxiang.review import rules
from sanxiang.review.models import Submission
from sanxiang.review.tests.helpers import World

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_classify_endpoint_uses_the_users_agency_pack() -> None:
    world = World()
    client = client_for(world.reviewer)
    response = post(
        client,
        "/api/v1/review/classify",
        {"facts": {"case_kind": "penalty", "party_kind": "individual", "fine_amount": 5000.0}},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["major"] is True and data["grounds"][0]["rule"] == "large_fine"
    bad = post(client, "/api/v1/review/classify", {"facts": {"no_such_fact": True}})
    assert bad.status_code == 422


def test_full_flow_through_the_api() -> None:
    world = World()
    case, _ = world.case()
    officer, reviewer, leader = (
        client_for(u) for u in (world.officer, world.reviewer, world.leader)
    )
    created = post(
        officer,
        f"/api/v1/review/cases/{case.pk}/submissions",
        {
            "proposal": "罚款六万元",
            "reasons": "理由",
            "legal_basis": "依据",
            "materials": world.materials(),
        },
    )
    assert created.status_code == 201, created.content
    sid = created.json()["id"]
    assert created.json()["due"] and not created.json()["decision_allowed"]
    for item in rules.checklist(world.pack):
        r = post(
            reviewer,
            f"/api/v1/review/submissions/{sid}/findings",
            {"item_id": item.id, "passed": True},
        )
        assert r.status_code == 201
    opinion = post(
        reviewer,
        f"/api/v1/review/submissions/{sid}/opinions",
        {"outcome_id": "outcome_amend", "reasons": "变更"},
    )
    assert opinion.status_code == 201 and opinion.json()["copies"] == [
        "case_file",
        "review_archive",
    ]
    early = post(
        leader,
        f"/api/v1/review/submissions/{sid}/escalation",
        {
            "department_opinion": "a",
            "review_office_opinion": "b",
            "deputy_opinion": "c",
            "allows_decision": True,
            "reasons": "d",
        },
    )
    assert early.status_code == 409 and early.json()["rule_id"] == "escalation"
    assert (
        post(officer, f"/api/v1/review/submissions/{sid}/rereview", {"reasons": "异议"}).status_code
        == 201
    )
    post(
        reviewer,
        f"/api/v1/review/submissions/{sid}/opinions",
        {"outcome_id": "outcome_amend", "reasons": "维持"},
    )
    done = post(
        leader,
        f"/api/v1/review/submissions/{sid}/escalation",
        {
            "department_opinion": "维持",
            "review_office_opinion": "变更",
            "deputy_opinion": "同意承办机构",
            "allows_decision": True,
            "reasons": "同意",
        },
    )
    assert done.status_code == 201
    assert done.json()["submission"]["decision_allowed"] is True
    detail = reviewer.get(f"/api/v1/review/submissions/{sid}")
    assert detail.json()["status"] == "escalated"


def test_scope_and_roles() -> None:
    world = World()
    case, moment = world.case()
    submission = world.submit(case, moment)
    other = World("liuzhou-kjj", other="wuhan-kjj")
    foreign = client_for(other.reviewer)
    assert foreign.get(f"/api/v1/review/submissions/{submission.pk}").status_code == 404
    assert str(submission.pk) not in json.dumps(foreign.get("/api/v1/review/submissions").json())
    officer = client_for(world.officer)
    r = post(
        officer,
        f"/api/v1/review/submissions/{submission.pk}/opinions",
        {"outcome_id": "outcome_approve", "reasons": "x"},
    )
    assert r.status_code == 403
    assert Submission.objects.get(pk=submission.pk).opinions.count() == 0


def test_extension_through_the_api() -> None:
    world = World()
    case, moment = world.case()
    submission = world.submit(case, moment)
    reviewer = client_for(world.reviewer)
    url = f"/api/v1/review/submissions/{submission.pk}/extension"
    refused = post(reviewer, url, {"approver": world.reviewer.username, "reason": "复杂"})
    assert refused.status_code == 409 and refused.json()["rule_id"] == "review_extension"
    done = post(
        reviewer,
        url,
        {"approver": world.leader.username, "reason": "案情复杂", "approval_ref": "批件1号"},
    )
    assert done.status_code == 201
    assert submission.due is not None and done.json()["due"] > submission.due.isoformat()
    unknown = post(reviewer, url, {"approver": "nobody", "reason": "x"})
    assert unknown.status_code == 422


def test_consultations_through_the_api() -> None:
    world = World()
    case, moment = world.case()
    submission = world.submit(case, moment)
    url = f"/api/v1/review/submissions/{submission.pk}/consultations"
    reviewer = client_for(world.reviewer)
    done = post(
        reviewer,
        url,
        {
            "kind": "question_parties",
            "participants": "当事人某公司法定代表人张某",
            "summary": "核实用工人数，当事人称共12人",
        },
    )
    assert done.status_code == 201, done.content
    listed = client_for(world.officer).get(url).json()
    assert [(c["kind"], c["kind_label"]) for c in listed] == [
        ("question_parties", "向当事人核实情况")
    ]
    assert listed[0]["recorded_by"] == world.reviewer.username
    # Refusals write nothing: an unknown kind (422), the department (403), another agency (404).
    other = World("liuzhou-kjj", other="wuhan-kjj")
    officer, foreign = client_for(world.officer), client_for(other.reviewer)  # logins are ledgered
    before = world.snapshot(case)
    bad = post(reviewer, url, {"kind": "phone_call", "participants": "x", "summary": "y"})
    assert bad.status_code == 422
    body = {"kind": "question_handlers", "participants": "x", "summary": "y"}
    assert post(officer, url, body).status_code == 403
    assert post(foreign, url, body).status_code == 404
    assert foreign.get(url).status_code == 404
    assert world.snapshot(case) == before


def test_mark_major_and_emergency_through_the_api() -> None:
    world = World()
    case, _ = world.case({"fine_amount": 10000.0})
    reviewer = client_for(world.reviewer)
    marked = post(
        reviewer, f"/api/v1/review/cases/{case.pk}/major-marks", {"reason": "涉及重点企业"}
    )
    assert marked.status_code == 201, marked.content
    data = marked.json()
    assert data["classification"]["major"] is True
    assert "hand_marked" in [g["rule"] for g in data["classification"]["grounds"]]
    # 市人社局审核办法 第四条第二款: the emergency exemption, by the department or a 负责人.
    leader = client_for(world.leader)
    done = post(
        leader,
        f"/api/v1/review/cases/{case.pk}/emergency",
        {"legal_ground": "情况紧急，依法立即作出"},
    )
    assert done.status_code == 201 and "第四条" in done.json()["cite"]
    # 东西湖区司法局 has no exemption — refused with the rule, nothing written.
    other = World("dongxihu-sfj", other="liuzhou-kjj")
    other_case, _ = other.case()
    head = client_for(other.head)
    before = other.snapshot(other_case)
    refused = post(
        head, f"/api/v1/review/cases/{other_case.pk}/emergency", {"legal_ground": "紧急"}
    )
    assert refused.status_code == 409 and refused.json()["rule_id"] == "no_emergency_exemption"
    assert other.snapshot(other_case) == before
    assert (
        post(head, f"/api/v1/review/cases/{case.pk}/major-marks", {"reason": "x"}).status_code
        == 404
    )
