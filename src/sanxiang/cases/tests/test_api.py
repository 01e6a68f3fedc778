"""The cases REST API, per use case, with two agencies.

Every refusal is a 4xx JSON body with ``code``, ``message``, ``rule_id`` and ``cite``; a refused
step writes nothing (tables and ledgers of both agencies counted before and after).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.services import issue_token
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.cases.tests import factories as f
from sanxiang.cases.tests.test_gates import PENALTY, START
from sanxiang.cases.tests.test_views import LATER, Desk
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(agency_a: Agency, agency_b: Agency) -> Desk:
    return Desk()


def api(path: str) -> str:
    """``path`` under the API root, wherever it is mounted (``/api/v1/``)."""
    root = reverse("api:openapi-json").removesuffix("openapi.json").rstrip("/")
    return f"{root}{path}"


def _token(user: User) -> str:
    return issue_token(actor=user, user=user, name="测试", expires_in_days=30).secret


class Caller:
    """An API client authenticated with a bearer token (what an integration would use)."""

    def __init__(self, user: User) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {_token(user)}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(api(path), params, headers=self.headers)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(
            api(path),
            json.dumps(body),
            content_type="application/json",
            headers=self.headers,
        )


def _refusal(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content.decode()
    body: dict[str, Any] = response.json()
    assert set(body) == {"code", "message", "rule_id", "cite"}
    assert body["message"]
    return body


def _open_body(desk: Desk, **changes: Any) -> dict[str, Any]:
    return {
        "kind": "penalty",
        "procedure": "general",
        "source": "complaint",
        "title": "某物流公司未缴社保案",
        "parties": [{"kind": "organization", "name": "某物流有限公司"}],
        "facts": PENALTY,
        "officers": [o.pk for o in desk.team],
        "at": "2026-03-02T09:00:00+08:00",
        **changes,
    }


# --------------------------------------------------------------------------- create


def test_create_a_case(desk: Desk) -> None:
    response = Caller(desk.user).post("/cases", _open_body(desk))
    assert response.status_code == 201, response.content.decode()
    body = response.json()
    case = Case.objects.get(pk=body["id"])
    assert case.agency == desk.agency and body["number"] == case.number
    assert body["stage"] == "register" and body["kind_label"].startswith("行政处罚")
    assert [o["cert_no"] for o in body["officers"]] == [o.cert_no for o in desk.team]
    assert body["officers"][0]["is_lead"] is True
    assert body["timeline"][0]["kind"] == "stage"
    offered = {a["id"]: a for a in body["actions"]}
    assert offered["filing"]["blocked"]["rule_id"] == "penalty.general.case_source_register"


def test_create_refusals_are_4xx_with_the_rule_and_write_nothing(desk: Desk) -> None:
    caller = Caller(desk.user)
    expired = f.officers(desk.agency, 1, valid_until=f.at(2025, 6, 1).date())
    before = desk.counts()
    body = _refusal(
        caller.post("/cases", _open_body(desk, officers=[expired[0].pk, desk.team[0].pk])), 409
    )
    assert body["code"] == "rule_violation" and "第四十二条" in body["cite"]
    foreign = _refusal(
        caller.post("/cases", _open_body(desk, officers=[desk.other_team[0].pk])), 422
    )
    assert foreign["rule_id"] == "officer_agency"
    unknown = _refusal(caller.post("/cases", _open_body(desk, kind="taxation")), 422)
    assert unknown["code"] == "invalid_input"
    assert desk.counts() == before


def test_create_needs_a_writer_role_and_a_login(desk: Desk, supervisor: User) -> None:
    archivist = f.staff(desk.agency, "archivist", Role.ARCHIVIST)
    callers = [Caller(archivist), Caller(supervisor)]
    before = desk.counts()
    for caller in callers:
        body = _refusal(caller.post("/cases", _open_body(desk)), 403)
        assert body["code"] == "forbidden"
    anonymous = Client().post(api("/cases"), _open_body(desk), content_type="application/json")
    assert anonymous.status_code == 401
    assert desk.counts() == before


# --------------------------------------------------------------------------- read


def test_list_is_scoped_and_filters(desk: Desk, supervisor: User) -> None:
    late = desk.investigating()
    fresh = desk.case(title="新近登记案", when=f.at(2026, 6, 29, 9))
    theirs = desk.other_case()
    caller = Caller(desk.user)
    body = caller.get("/cases").json()
    assert {c["number"] for c in body["items"]} == {late.number, fresh.number}
    assert body["count"] == 2
    with time_machine.travel(LATER, tick=False):
        overdue = caller.get("/cases", overdue="true").json()
    assert [c["id"] for c in overdue["items"]] == [late.pk]
    assert caller.get("/cases", stage="investigation").json()["count"] == 1
    assert caller.get("/cases", limit=1).json()["count"] == 2
    assert len(caller.get("/cases", limit=1).json()["items"]) == 1
    across = Caller(supervisor).get("/cases").json()
    assert theirs.pk in {c["id"] for c in across["items"]} and across["count"] == 3


def test_read_a_case_with_its_timeline_and_deadlines(desk: Desk) -> None:
    case = desk.investigating()
    body = Caller(desk.user).get(f"/cases/{case.pk}").json()
    kinds = [entry["kind"] for entry in body["timeline"]]
    assert kinds.count("stage") == 3 and kinds.count("record") == 2 and "deadline" in kinds
    indexes = [e["ledger_index"] for e in body["timeline"]]
    assert indexes == sorted(indexes)
    record = next(e for e in body["timeline"] if e["kind"] == "record")
    assert record["data"]["record_type"] == "case_source_register"
    (deadline,) = body["deadlines"]
    assert deadline["rule_id"] == "penalty_decision" and deadline["due"] == "2026-06-01"
    assert "起算日 2026-03-03" in deadline["explanation"] and deadline["cite"]
    assert deadline["provisional"] is False


def test_another_agencys_case_is_404(desk: Desk) -> None:
    theirs = desk.other_case()
    caller = Caller(desk.user)
    before = desk.counts()
    for path in (f"/cases/{theirs.pk}", f"/cases/{theirs.pk}/deadlines"):
        assert _refusal(caller.get(path), 404)["code"] == "not_found"
    _refusal(caller.post(f"/cases/{theirs.pk}/advance", {"to_stage": "filing"}), 404)
    _refusal(caller.post(f"/cases/{theirs.pk}/records", {"record_type": "x"}), 404)
    assert desk.counts() == before


def test_reading_needs_a_case_role(desk: Desk) -> None:
    case = desk.case()
    publicity = Caller(f.staff(desk.agency, "publicity", Role.PUBLICITY))
    assert _refusal(publicity.get(f"/cases/{case.pk}"), 403)["rule_id"] == "role"
    assert _refusal(publicity.get("/cases"), 403)["code"] == "forbidden"


# --------------------------------------------------------------------------- record, advance


def test_record_a_step(desk: Desk) -> None:
    case = desk.investigating()
    response = Caller(desk.user).post(
        f"/cases/{case.pk}/records",
        {
            "record_type": "investigation_transcript",
            "payload": f.payload_for("investigation_transcript"),
            "officers": [o.pk for o in desk.team],
            "at": "2026-03-05T10:00:00",  # naive: read as Asia/Shanghai
        },
    )
    assert response.status_code == 201, response.content.decode()
    body = response.json()
    record = CaseRecord.objects.get(pk=body["id"])
    assert record.record_type == "investigation_transcript" and body["ledger_index"] >= 0
    assert record.recorded_at == f.at(2026, 3, 5, 10)
    assert [o["cert_no"] for o in body["officers"]] == [o.cert_no for o in desk.team]


def test_refused_record_names_the_rule_and_writes_nothing(desk: Desk) -> None:
    case = desk.investigating()
    caller = Caller(desk.user)
    before = desk.counts()
    body = _refusal(
        caller.post(
            f"/cases/{case.pk}/records",
            {
                "record_type": "inspection_av",
                "payload": {"summary": "现场录像"},
                "officers": [o.pk for o in desk.team],
                "at": "2026-03-05T10:00:00+08:00",
            },
        ),
        409,
    )
    assert body["rule_id"] == "penalty.general.inspection_av" and body["cite"]
    missing = _refusal(caller.post(f"/cases/{case.pk}/records", {"payload": {}}), 422)
    assert missing["code"] == "invalid_input"
    assert desk.counts() == before


def test_advance_and_its_refusal(desk: Desk) -> None:
    case = desk.case()
    caller = Caller(desk.user)
    before = desk.counts()
    body = _refusal(caller.post(f"/cases/{case.pk}/advance", {"to_stage": "decision"}), 409)
    assert body["rule_id"] == "penalty.general" and body["cite"]
    assert desk.counts() == before
    f.fill_stage(case, actor=desk.user, team=desk.team, when=START)
    # 立案 is the leader's approval (市人社局执法全过程记录办法 第十二条): the officer is refused.
    filing = {"to_stage": "filing", "at": "2026-03-03T09:00:00+08:00"}
    before = desk.counts()
    detail = caller.get(f"/cases/{case.pk}").json()
    offered = {a["id"]: a for a in detail["actions"] if a["kind"] == "advance"}
    assert offered["filing"]["approver_role"] == "leader"
    assert offered["filing"]["blocked"]["rule_id"] == "penalty.general.filing.approval"
    body = _refusal(caller.post(f"/cases/{case.pk}/advance", filing), 409)
    assert body["rule_id"] == "penalty.general.filing.approval"
    assert "第十二条" in body["cite"] and "分管局领导" in body["message"]
    assert desk.counts() == before and Case.objects.get(pk=case.pk).stage == "register"
    moved = Caller(f.staff(desk.agency, "leader", Role.LEADER)).post(
        f"/cases/{case.pk}/advance", filing
    )
    assert moved.status_code == 200, moved.content.decode()
    assert moved.json()["to_stage"] == "filing" and moved.json()["from_stage"] == "register"
    assert moved.json()["approval_role"] == "leader"
    assert moved.json()["approved_by"] == f"leader-{desk.agency.slug}"
    assert Case.objects.get(pk=case.pk).stage == "filing"


def test_writes_need_a_writer_role(desk: Desk) -> None:
    case = desk.case()
    legal = Caller(f.staff(desk.agency, "legal", Role.LEGAL_REVIEWER))
    before = desk.counts()
    _refusal(legal.post(f"/cases/{case.pk}/advance", {"to_stage": "filing"}), 403)
    _refusal(legal.post(f"/cases/{case.pk}/records", {"record_type": "x"}), 403)
    assert desk.counts() == before


# --------------------------------------------------------------------------- deadlines


def test_deadlines_of_a_case_and_of_the_officer(desk: Desk) -> None:
    late = desk.investigating()
    theirs = desk.other_case()
    caller = Caller(desk.user)
    with time_machine.travel(LATER, tick=False):
        (deadline,) = caller.get(f"/cases/{late.pk}/deadlines").json()
        mine = caller.get("/cases/deadlines", mine="true").json()
        agency = caller.get("/cases/deadlines").json()
    assert deadline["state"] == "overdue" and deadline["case_number"] == late.number
    assert [d["case"] for d in mine] == [late.pk]
    assert theirs.pk not in {d["case"] for d in agency}


def test_session_auth_works_for_the_browser(desk: Desk) -> None:
    case = desk.case()
    assert desk.client().get(api(f"/cases/{case.pk}")).json()["number"] == case.number


def test_openapi_documents_the_cases_endpoints() -> None:
    schema = Client().get(reverse("api:openapi-json")).json()
    paths = schema["paths"]
    for path in (api("/cases"), api("/cases/{pk}"), api("/cases/{pk}/records")):
        assert path in paths
    assert "409" in paths[api("/cases/{pk}/advance")]["post"]["responses"]
    body = paths[api("/cases")]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["parties"]["items"]["properties"]["name"]["type"] == "string"
    assert "$defs" not in json.dumps(schema)


# --------------------------------------------------------------------------- facts and clocks


def test_update_facts(desk: Desk) -> None:
    case = desk.case()
    caller = Caller(desk.user)
    body = caller.post(f"/cases/{case.pk}/facts", {"facts": {"hearing_requested": True}}).json()
    assert body["facts"]["hearing_requested"] is True
    before = desk.counts()
    bad = _refusal(caller.post(f"/cases/{case.pk}/facts", {"facts": {"no_such_fact": 1}}), 422)
    assert bad["code"] == "invalid_facts"
    assert desk.counts() == before


def test_suspend_resume_and_extend(desk: Desk) -> None:
    start = f.at(2026, 3, 2, 9)
    case = f.open_case(
        actor=desk.user,
        agency=desk.agency,
        kind="permit",
        procedure="standard",
        team=desk.team,
        when=start,
        facts={"application_complete": True, "permit_granted": True},
    )
    f.walk(case, ("acceptance", "verify"), actor=desk.user, team=desk.team, start=start)
    head = f.staff(desk.agency, "section-head", Role.SECTION_HEAD)
    leader = f.staff(desk.agency, "leader", Role.LEADER)
    caller = Caller(desk.user)
    stop = caller.post(
        f"/cases/{case.pk}/suspend",
        {"reason": "申请人要求暂停", "approved_by": head.username, "at": "2026-03-10T09:00:00"},
    )
    assert stop.status_code == 201, stop.content.decode()
    assert stop.json()["case_status"] == "suspended"
    resumed = caller.post(
        f"/cases/{case.pk}/resume",
        {"clock_stop": stop.json()["id"], "at": "2026-03-17T09:00:00"},
    )
    assert resumed.status_code == 200 and resumed.json()["case_status"] == "open"
    deadline = case.deadlines.get(rule_id="permit_decision")
    before = desk.counts()
    refused = _refusal(
        caller.post(
            f"/cases/{case.pk}/extend",
            {"deadline": deadline.pk, "reason": "专家评审", "approved_by": head.username},
        ),
        409,
    )
    assert refused["rule_id"] == "permit_decision.extension" and "第四十二条" in refused["cite"]
    outsider = _refusal(
        caller.post(
            f"/cases/{case.pk}/extend",
            {"deadline": deadline.pk, "reason": "x", "approved_by": desk.other_user.username},
        ),
        422,
    )
    assert outsider["code"] == "invalid_input"
    assert desk.counts() == before
    extended = caller.post(
        f"/cases/{case.pk}/extend",
        {"deadline": deadline.pk, "reason": "专家评审", "approved_by": leader.username},
    )
    assert extended.status_code == 200, extended.content.decode()
    assert extended.json()["due"] > extended.json()["original_due"]
