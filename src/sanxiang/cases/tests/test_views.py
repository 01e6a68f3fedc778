"""The staff pages of the cases app, per use case, with two agencies.

Another agency's case is a 404, a user without a case role a 403, and a refused step shows the
service's Chinese message with its citation while nothing is written (tables and ledger counted
in both agencies before and after).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.cases.tests import factories as f
from sanxiang.cases.tests.test_gates import PENALTY, START
from sanxiang.registry.models import Agency, Officer

pytestmark = pytest.mark.django_db

# After the 90-day 处罚 decision limit of a case filed on 2026-03-03 (due 2026-06-01).
LATER = f.at(2026, 7, 1, 10)


class Desk:
    """市人社局 (A) with a linked officer login and a penalty case; 柳州市科技局 (B) likewise."""

    def __init__(self) -> None:
        self.agency = f.agency("wuhan-rsj")
        self.other = f.agency("liuzhou-kjj")
        self.user = f.staff(self.agency, "officer", Role.OFFICER)
        self.team = f.officers(self.agency, 1, user=self.user) + f.officers(self.agency, 1)
        self.other_user = f.staff(self.other, "officer", Role.OFFICER)
        self.other_team = f.officers(self.other, 2)

    def case(self, *, title: str = "某公司涉嫌违法案", when: dt.datetime = START) -> Case:
        return f.open_case(
            actor=self.user,
            agency=self.agency,
            kind="penalty",
            procedure="general",
            team=self.team,
            when=when,
            facts=PENALTY,
            title=title,
        )

    def investigating(self) -> Case:
        case = self.case()
        f.walk(case, ("filing", "investigation"), actor=self.user, team=self.team, start=START)
        return case

    def other_case(self) -> Case:
        return f.open_case(
            actor=self.other_user,
            agency=self.other,
            kind="penalty",
            procedure="general",
            team=self.other_team,
            when=START,
            title="柳州某企业案",
        )

    def client(self, user: User | None = None) -> Client:
        """A logged-in client; log in *before* counting rows, since a login is ledgered."""
        client = Client()
        client.force_login(user or self.user)
        return client

    def counts(self) -> dict[str, Any]:
        return {"a": f.counts(self.agency), "b": f.counts(self.other)}


@pytest.fixture
def desk(agency_a: Agency, agency_b: Agency) -> Desk:
    return Desk()


def _body(response: Any) -> str:
    return str(response.content.decode())


# --------------------------------------------------------------------------- list


def test_list_shows_only_own_agency_and_the_supervisor_sees_both(
    desk: Desk, supervisor: User
) -> None:
    mine = desk.case(title="武汉某公司欠薪案")
    theirs = desk.other_case()
    body = _body(desk.client().get("/cases/"))
    assert mine.number in body and "武汉某公司欠薪案" in body
    assert "柳州某企业案" not in body
    across = _body(desk.client(supervisor).get("/cases/"))
    assert "武汉某公司欠薪案" in across and "柳州某企业案" in across
    assert theirs.agency.name in across


def test_list_filters_by_kind_stage_officer_and_overdue(desk: Desk) -> None:
    late = desk.investigating()  # filed 2026-03-03: 90-day decision limit ran out on 2026-06-01
    fresh = desk.case(title="新近登记案", when=f.at(2026, 6, 29, 9))
    lone = f.officers(desk.agency, 1)
    client = desk.client()
    with time_machine.travel(LATER, tick=False):
        overdue = _body(client.get("/cases/", {"overdue": "on"}))
        everything = _body(client.get("/cases/"))
    assert late.number in overdue and fresh.number not in overdue
    assert "有逾期期限" in everything
    stage = _body(client.get("/cases/", {"stage": "investigation"}))
    assert late.number in stage and fresh.number not in stage
    assert fresh.number in _body(client.get("/cases/", {"kind": "penalty"}))
    assert fresh.number not in _body(client.get("/cases/", {"kind": "permit"}))
    assert "没有符合条件的案件" in _body(client.get("/cases/", {"officer": lone[0].pk}))
    assert fresh.number in _body(client.get("/cases/", {"officer": desk.team[0].pk}))


def test_list_paginates(desk: Desk) -> None:
    for n in range(27):
        desk.case(title=f"批量案{n}")
    client = desk.client()
    first = _body(client.get("/cases/"))
    second = _body(client.get("/cases/", {"page": 2}))
    assert "共 27 件，第 1 / 2 页" in first and "下一页" in first
    assert "第 2 / 2 页" in second and second.count("批量案") == 2


def test_list_needs_a_case_role(desk: Desk, agency_a: Agency) -> None:
    publicity = f.staff(desk.agency, "publicity", Role.PUBLICITY)
    assert desk.client(publicity).get("/cases/").status_code == 403
    assert Client().get("/cases/").status_code == 302


# --------------------------------------------------------------------------- the case page


def test_case_page_is_a_timeline_with_deadlines_and_blocked_actions(desk: Desk) -> None:
    case = desk.investigating()
    body = _body(desk.client().get(f"/cases/{case.pk}/"))
    # Every stage change and record, in order.
    order = [
        "立案登记，进入",
        "案源登记",
        "内部立案审批文书",
        "作出行政处罚决定",
        "“调查取证”",
    ]
    positions = [body.index(text, body.index('id="timeline"')) for text in order]
    assert positions == sorted(positions)
    # The deadline: due date, how it was computed, and its citation.
    assert "2026-06-01" in body and "起算日 2026-03-03" in body
    assert "依据：中华人民共和国行政处罚法 第六十条" in body or "第六十条" in body
    # Records of this stage are offered; leaving it is blocked by the rule that says why.
    assert f"/cases/{case.pk}/records/investigation_transcript/" in body
    assert "penalty.general.investigation_transcript" in body
    assert "市人社局行政执法全过程记录办法 第十四条" in body
    assert "须同步音像记录" in body


def test_case_page_of_another_agency_is_404(desk: Desk) -> None:
    theirs = desk.other_case()
    assert desk.client().get(f"/cases/{theirs.pk}/").status_code == 404
    assert desk.client(desk.other_user).get(f"/cases/{theirs.pk}/").status_code == 200


def test_case_page_needs_a_case_role_and_readers_cannot_act(desk: Desk, supervisor: User) -> None:
    case = desk.case()
    nobody = f.staff(desk.agency, "nobody")
    assert desk.client(nobody).get(f"/cases/{case.pk}/").status_code == 403
    archivist = f.staff(desk.agency, "archivist", Role.ARCHIVIST)
    for reader in (archivist, supervisor):
        body = _body(desk.client(reader).get(f"/cases/{case.pk}/"))
        assert case.number in body
        assert f"/cases/{case.pk}/records/" not in body
        assert 'name="to_stage"' not in body


# --------------------------------------------------------------------------- records


def _transcript_form(officers: list[Officer], **extra: str) -> dict[str, Any]:
    return {
        "p_place": "某公司办公室",
        "p_content": "询问用工情况",
        "p_certificates_shown": "on",
        "recorded_at": "2026-03-05T10:00",
        "officers": [o.pk for o in officers],
        **extra,
    }


def test_record_form_writes_a_record_that_shows_on_the_timeline(desk: Desk) -> None:
    case = desk.investigating()
    client = desk.client()
    url = f"/cases/{case.pk}/records/investigation_transcript/"
    form = _body(client.get(url))
    assert "地点" in form and "已出示执法证件" in form and desk.team[0].cert_no in form
    response = client.post(url, _transcript_form(desk.team))
    assert response.status_code == 302
    record = CaseRecord.objects.get(case=case, record_type="investigation_transcript")
    assert record.payload["place"] == "某公司办公室"
    assert [o["cert_no"] for o in record.officers] == [o.cert_no for o in desk.team]
    assert record.recorded_at == f.at(2026, 3, 5, 10)
    page = _body(client.get(f"/cases/{case.pk}/"))
    assert "询问用工情况" in page and desk.team[1].cert_no in page


def test_refused_record_shows_the_rule_and_writes_nothing(desk: Desk) -> None:
    case = desk.investigating()
    client = desk.client()
    before = desk.counts()
    response = client.post(
        f"/cases/{case.pk}/records/investigation_transcript/",
        _transcript_form(desk.team[:1]),  # one officer: 处罚法 第四十二条 needs two
    )
    assert response.status_code == 409
    body = _body(response)
    assert "未能办理" in body and "第四十二条" in body
    assert "penalty.general.investigation" in body
    assert desk.counts() == before


def test_record_form_validates_as_the_service_does(desk: Desk) -> None:
    case = desk.investigating()
    client = desk.client()
    before = desk.counts()
    url = f"/cases/{case.pk}/records/inspection_av/"
    missing = _transcript_form(desk.team)
    response = client.post(url, missing)  # AV mandatory here, and no AV given
    assert response.status_code == 400
    assert "本环节必须同步音像记录" in _body(response)
    unconfirmed = _transcript_form(desk.team)
    del unconfirmed["p_certificates_shown"]
    response = client.post(f"/cases/{case.pk}/records/investigation_transcript/", unconfirmed)
    assert response.status_code == 400
    assert desk.counts() == before


def test_record_with_av_metadata(desk: Desk) -> None:
    case = desk.investigating()
    response = desk.client().post(
        f"/cases/{case.pk}/records/inspection_av/",
        {
            "p_summary": "现场执法全程录像",
            "recorded_at": "2026-03-05T10:00",
            "officers": [o.pk for o in desk.team],
            "av_device_check": "on",
            "av_statement_time": "2026-03-05 10:00",
            "av_statement_place": "某公司",
            "av_statement_officers": "执法员1、执法员2",
            "av_statement_party": "某公司",
            "av_statement_step": "现场检查",
            "av_continuous": "on",
        },
    )
    assert response.status_code == 302, _body(response)
    record = CaseRecord.objects.get(case=case, record_type="inspection_av")
    assert record.av is not None and record.av["device_check"] is True
    assert record.av["opening_statement"]["step"] == "现场检查"


def test_record_pages_of_another_agency_or_without_the_role(desk: Desk) -> None:
    theirs = desk.other_case()
    url = f"/cases/{theirs.pk}/records/case_source_register/"
    client = desk.client()
    archivist = desk.client(f.staff(desk.agency, "archivist", Role.ARCHIVIST))
    mine = desk.case()
    own_url = f"/cases/{mine.pk}/records/case_source_register/"
    before = desk.counts()
    assert client.get(url).status_code == 404
    assert client.post(url, {"p_clue": "x"}).status_code == 404
    assert archivist.get(own_url).status_code == 403
    assert archivist.post(own_url, {"p_clue": "x"}).status_code == 403
    assert desk.counts() == before
    # A record the current stage does not offer is not a page.
    assert client.get(f"/cases/{mine.pk}/records/hearing_transcript/").status_code == 404


# --------------------------------------------------------------------------- moving on


def test_advance_moves_the_case_and_a_refusal_names_the_rule(desk: Desk) -> None:
    case = desk.case()
    client = desk.client()
    before = desk.counts()
    refused = client.post(f"/cases/{case.pk}/advance/", {"to_stage": "filing"}, follow=True)
    body = _body(refused)
    assert "离开本环节前须完成" in body
    assert "penalty.general.case_source_register" in body
    assert "市人社局行政执法全过程记录办法 第十三条" in body
    assert desk.counts() == before
    assert Case.objects.get(pk=case.pk).stage == "register"

    f.fill_stage(case, actor=desk.user, team=desk.team, when=START)
    # 立案 is the leader's approval (第十二条): the officer's page says so and offers no button.
    page = _body(client.get(f"/cases/{case.pk}/"))
    assert "须经分管局领导审批" in page and "penalty.general.filing.approval" in page
    before = desk.counts()
    refused = client.post(f"/cases/{case.pk}/advance/", {"to_stage": "filing"}, follow=True)
    assert "penalty.general.filing.approval" in _body(refused)
    assert desk.counts() == before and Case.objects.get(pk=case.pk).stage == "register"
    leader = desk.client(f.approver(desk.agency, "leader"))
    moved = leader.post(f"/cases/{case.pk}/advance/", {"to_stage": "filing"}, follow=True)
    assert Case.objects.get(pk=case.pk).stage == "filing"
    assert "案件已进入“立案”" in _body(moved)
    change = case.stage_changes.get(to_stage="filing")
    assert change.approved_by is not None and change.approval_role == "leader"
    assert "以分管局领导身份审批" in _body(leader.get(f"/cases/{case.pk}/"))


def test_advance_of_another_agency_or_without_the_role(desk: Desk, supervisor: User) -> None:
    theirs = desk.other_case()
    mine = desk.case()
    client, across = desk.client(), desk.client(supervisor)
    before = desk.counts()
    assert client.post(f"/cases/{theirs.pk}/advance/", {"to_stage": "x"}).status_code == 404
    response = across.post(f"/cases/{mine.pk}/advance/", {"to_stage": "filing"})
    assert response.status_code == 403
    assert desk.counts() == before


def test_facts_change_is_recorded(desk: Desk) -> None:
    case = desk.case()
    data = {"hearing_requested": "on", "party_kind": "organization", "fine_amount": "10000"}
    response = desk.client().post(f"/cases/{case.pk}/facts/", data, follow=True)
    assert "已更新案件事实" in _body(response)
    assert Case.objects.get(pk=case.pk).facts["hearing_requested"] is True


# --------------------------------------------------------------------------- opening


def test_open_a_case(desk: Desk) -> None:
    client = desk.client()
    form = _body(client.get("/cases/new/"))
    assert "行政处罚（劳动保障监察等） · 行政处罚一般程序" in form and desk.team[0].cert_no in form
    response = client.post(
        "/cases/new/",
        {
            "procedure": "penalty.general",
            "source": "complaint",
            "title": "某餐饮公司拖欠工资案",
            "party_kind": "organization",
            "party_name": "某餐饮有限公司",
            "lead": desk.team[1].pk,
            "officers": [o.pk for o in desk.team],
            "fact_case_accepted": "on",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(title="某餐饮公司拖欠工资案")
    assert case.agency == desk.agency and case.stage == "register"
    assert case.facts["case_accepted"] is True
    lead = case.assignments.get(is_lead=True)
    assert lead.officer == desk.team[1] and case.assignments.count() == 2
    assert response["Location"] == f"/cases/{case.pk}/"


def test_open_refused_with_an_expired_certificate_writes_nothing(desk: Desk) -> None:
    expired = f.officers(
        desk.agency, 1, valid_from=dt.date(2020, 1, 1), valid_until=dt.date(2021, 1, 1)
    )
    client = desk.client()
    before = desk.counts()
    response = client.post(
        "/cases/new/",
        {
            "procedure": "penalty.general",
            "source": "complaint",
            "title": "不应登记的案件",
            "party_kind": "individual",
            "party_name": "张三",
            "lead": expired[0].pk,
            "officers": [desk.team[0].pk],
        },
    )
    assert response.status_code == 409
    assert "第四十二条" in _body(response)
    assert desk.counts() == before


def test_open_needs_a_writer_role(desk: Desk, supervisor: User) -> None:
    archivist = f.staff(desk.agency, "archivist", Role.ARCHIVIST)
    assert desk.client(archivist).get("/cases/new/").status_code == 403
    assert desk.client(supervisor).get("/cases/new/").status_code == 403


# --------------------------------------------------------------------------- officer home


def test_officer_home_lists_overdue_due_and_provisional(desk: Desk) -> None:
    late = desk.investigating()
    # Filed in late December: 90 days run into 2027, past the holiday table → provisional.
    future = desk.case(title="跨年案件", when=f.at(2026, 12, 21, 9))
    start = f.at(2026, 12, 21, 9)
    f.walk(future, ("filing", "investigation"), actor=desk.user, team=desk.team, start=start)
    theirs = desk.other_case()
    with time_machine.travel(f.at(2026, 12, 23, 10), tick=False):
        body = _body(desk.client().get("/cases/mine/"))
    overdue = body[body.index('id="overdue"') : body.index('id="due-soon"')]
    assert late.number in overdue and "逾期" in overdue
    provisional = body[body.index('id="provisional"') : body.index('id="my-cases"')]
    assert future.number in provisional and "暂定" in provisional
    assert late.number not in provisional
    assert theirs.number not in body


def test_home_without_an_officer_profile(desk: Desk) -> None:
    leader = f.staff(desk.agency, "leader", Role.LEADER)
    desk.case()
    body = _body(desk.client(leader).get("/cases/mine/"))
    assert "没有关联执法人员档案" in body


def test_nav_and_home_link_staff_to_their_cases(desk: Desk) -> None:
    client = desk.client()
    home = _body(client.get("/"))
    assert 'href="/cases/mine/"' in home and "我的案件与期限" in home
    anonymous = _body(Client().get("/"))
    assert "/cases/mine/" not in anonymous
    page = _body(client.get("/cases/"))
    assert 'href="/cases/mine/">我的案件</a>' in page
    assert "cases/cases.css" in page


# --------------------------------------------------------------------------- clocks


def test_suspend_and_resume_the_case(desk: Desk) -> None:
    case = desk.investigating()
    head = f.staff(desk.agency, "section-head", Role.SECTION_HEAD)
    client = desk.client()
    page = _body(client.get(f"/cases/{case.pk}/"))
    assert 'id="clocks"' in page and f'value="{head.pk}"' in page
    before = desk.counts()
    response = client.post(
        f"/cases/{case.pk}/suspend/",
        {
            "reason_id": "suspension",
            "reason": "当事人下落不明",
            "approved_by": head.pk,
            "approval_ref": "中止审批表 1 号",
            "at": "2026-03-10T09:00",
        },
        follow=True,
    )
    assert "已停止计时" in _body(response)
    assert Case.objects.get(pk=case.pk).status == "suspended"
    assert "中止中" in _body(response) and "当事人下落不明" in _body(response)
    assert desk.counts()["a"]["ClockStop"] == before["a"]["ClockStop"] + 1
    stop = case.clock_stops.get()
    resumed = client.post(
        f"/cases/{case.pk}/resume/",
        {"clock_stop": stop.pk, "reason": "当事人已到案", "at": "2026-03-20T09:00"},
        follow=True,
    )
    assert "已恢复计时" in _body(resumed)
    assert Case.objects.get(pk=case.pk).status == "open"


def test_suspend_needs_an_approver_and_a_refusal_writes_nothing(desk: Desk) -> None:
    case = f.open_case(
        actor=desk.user,
        agency=desk.agency,
        kind="penalty",
        procedure="simple",
        team=desk.team,
        when=START,
        facts={"facts_conclusive": True, "party_kind": "organization", "fine_amount": 1000.0},
    )
    f.walk(case, ("closed",), actor=desk.user, team=desk.team, start=START)
    head = f.staff(desk.agency, "section-head", Role.SECTION_HEAD)
    client = desk.client()
    before = desk.counts()
    # An officer is not offered as approver: the form refuses before the service is asked.
    unapproved = client.post(
        f"/cases/{case.pk}/suspend/",
        {"reason_id": "suspension", "reason": "x", "approved_by": desk.user.pk},
        follow=True,
    )
    assert "批准人" in _body(unapproved)
    closed = client.post(
        f"/cases/{case.pk}/suspend/",
        {"reason_id": "suspension", "reason": "x", "approved_by": head.pk},
        follow=True,
    )
    assert "case_closed" in _body(closed) and "第四十七条" in _body(closed)
    assert desk.counts() == before


def test_extend_a_permit_decision_deadline(desk: Desk) -> None:
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
    deadline = case.deadlines.get(rule_id="permit_decision")
    head = f.staff(desk.agency, "section-head", Role.SECTION_HEAD)
    leader = f.staff(desk.agency, "leader", Role.LEADER)
    client = desk.client()
    page = _body(client.get(f"/cases/{case.pk}/"))
    assert "延期：" in page and deadline.label in page
    before = desk.counts()
    refused = client.post(
        f"/cases/{case.pk}/extend/",
        {"deadline": deadline.pk, "reason": "需要专家评审", "approved_by": head.pk},
        follow=True,
    )
    # 许可法 第四十二条: only the agency's head (leader) may approve the extra ten working days.
    assert "permit_decision.extension" in _body(refused) and "第四十二条" in _body(refused)
    assert desk.counts() == before
    done = client.post(
        f"/cases/{case.pk}/extend/",
        {"deadline": deadline.pk, "reason": "需要专家评审", "approved_by": leader.pk},
        follow=True,
    )
    deadline.refresh_from_db()
    assert deadline.due > deadline.original_due and deadline.extensions_used == 1
    assert f"已延至 {deadline.due:%Y-%m-%d}" in _body(done)


# --------------------------------------------------------------------------- the record form


def test_record_form_applies_the_services_payload_and_av_checks() -> None:
    from sanxiang.cases.forms import RecordForm

    electronic = RecordForm(
        {
            "p_document": "行政处罚决定书",
            "p_channel": "027-8000 0000",
            "p_consent": "当事人书面同意",
            "p_sent_at": "2026-03-05T10:00",
        },
        record_type="electronic_service_record",
        officers=Officer.objects.none(),
    )
    assert not electronic.is_valid()
    assert "行政执法决定书不得以传真、电子邮件方式送达" in electronic.non_field_errors()
    interrupted = RecordForm(
        {
            "p_summary": "现场录像",
            "av_device_check": "on",
            "av_statement_time": "10:00",
            "av_statement_place": "某公司",
            "av_statement_officers": "二人",
            "av_statement_party": "某公司",
            "av_statement_step": "现场检查",
        },
        record_type="inspection_av",
        officers=Officer.objects.none(),
        av_required=True,
    )
    assert not interrupted.is_valid()
    assert any("书面说明" in e for e in interrupted.non_field_errors())


@pytest.mark.parametrize(
    ("status", "mode", "due", "state"),
    [
        ("open", "within", dt.date(2026, 5, 31), "overdue"),
        ("stopped", "within", dt.date(2026, 5, 31), "overdue"),
        ("missed", "within", dt.date(2026, 6, 30), "overdue"),
        ("open", "within", dt.date(2026, 6, 3), "due_soon"),
        ("open", "within", dt.date(2026, 6, 10), "open"),
        ("open", "not_before", dt.date(2026, 5, 31), "open"),  # the waiting period has run
        ("met", "within", dt.date(2026, 5, 31), "met"),
        ("void", "within", dt.date(2026, 5, 31), "void"),
    ],
)
def test_deadline_state(status: str, mode: str, due: dt.date, state: str) -> None:
    from sanxiang.cases.models import Deadline
    from sanxiang.cases.views import deadline_state

    deadline = Deadline(status=status, mode=mode, due=due)
    assert deadline_state(deadline, dt.date(2026, 6, 1)) == state
