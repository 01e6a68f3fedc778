"""事中公示 (市人社局行政执法公示办法 第七条): minimised lists, announcements, approval, display
period (公示期满 leaves the list, not the site), withdrawal and correction; two agencies."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.cases import services as case_services
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.cases.tests import factories as cf
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.disclosure import notices, process_publicity
from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.disclosure.process_models import ProcessNotice
from sanxiang.ledger.models import LedgerEntry
from sanxiang.policy.schema import TimeLimit
from sanxiang.registry.models import Agency, Officer

pytestmark = pytest.mark.django_db

PEOPLE = [
    ("王小明", "11010519491231002X", "A2026001", "86"),
    ("欧阳娜娜", "420102199003071234", "A2026002", "91"),
]
COLUMNS = ["姓名", "身份证号码", "准考证号", "成绩"]
START = cf.at(2026, 3, 2, 9)


def _team(agency: Agency) -> tuple[User, User]:
    return (
        cf.staff(agency, "pub", Role.PUBLICITY),
        cf.staff(agency, "leader", Role.LEADER),
    )


def _scores(agency: Agency, pub: User) -> ProcessNotice:
    return process_publicity.create_notice(
        actor=pub,
        agency=agency,
        item_id="exam_scores",
        title="2026年第一批职业技能等级认定考试成绩公示",
        body="对成绩有异议的，可在公示期内向本局反映。",
        columns=COLUMNS,
        rows=[list(p) for p in PEOPLE],
    )


def _publish(notice: ProcessNotice, pub: User, leader: User) -> ProcessNotice:
    notices.submit(actor=pub, notice=notice)
    notices.approve(actor=leader, notice=notice)
    return process_publicity.publish_notice(actor=pub, notice=notice)


def _counts() -> tuple[int, int]:
    return ProcessNotice.objects.count(), LedgerEntry.objects.count()


def test_scores_list_is_minimised_approved_and_published(
    client: Client, agency_a: Agency, agency_b: Agency
) -> None:
    pub, leader = _team(agency_a)
    with time_machine.travel(START, tick=False):
        notice = _scores(agency_a, pub)
        assert notice.rows == [
            ["王某", "**************002X", "A2026001", "86"],
            ["欧阳某", "**************1234", "A2026002", "91"],
        ]
        assert notice.status == NoticeStatus.DRAFT and notice.approver_role == Role.LEADER
        # Not public before it is published.
        assert (
            client.get(reverse("disclosure:process_detail", kwargs={"pk": notice.pk})).status_code
            == 404
        )
        notice = _publish(notice, pub, leader)
        assert notice.display_until is None and "持续公示" in notice.display_basis
        listing = client.get(reverse("disclosure:process_list")).content.decode()
        detail = client.get(
            reverse("disclosure:process_detail", kwargs={"pk": notice.pk})
        ).content.decode()
        feed = client.get(reverse("disclosure:process_json")).content.decode()
    assert notice.title in listing and "王某" in detail and "A2026002" in detail
    for page in (listing, detail, feed):
        for name, id_number, _, _ in PEOPLE:
            assert name not in page and id_number not in page
    assert json.loads(feed)["count"] == 1
    kinds = list(
        LedgerEntry.objects.filter(agency=agency_a).values_list("kind", flat=True).order_by("index")
    )
    assert kinds == ["disclosure.process_notice.created"] + ["disclosure.process_notice.status"] * 3
    # The other agency's list does not show it.
    other = client.get(reverse("disclosure:process_list") + f"?agency={agency_b.slug}")
    assert notice.title not in other.content.decode()


def test_another_agency_cannot_write_or_approve(agency_a: Agency, agency_b: Agency) -> None:
    pub_a, _ = _team(agency_a)
    pub_b, leader_b = _team(agency_b)
    notice = _scores(agency_a, pub_a)
    before = _counts()
    with pytest.raises(RuleViolation):
        _scores(agency_a, pub_b)
    notices.submit(actor=pub_a, notice=notice)
    before = _counts()
    with pytest.raises(RuleViolation):
        notices.approve(actor=leader_b, notice=notice)
    assert _counts() == before
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.AWAITING_APPROVAL and notice.approved_by is None
    with pytest.raises(NotInScope):
        process_publicity.staff_notice(pub_b, notice.pk)


def test_agency_without_the_item_is_refused_and_nothing_is_written(agency_b: Agency) -> None:
    pub, _ = _team(agency_b)
    before = _counts()
    with pytest.raises(RuleViolation):
        _scores(agency_b, pub)  # 柳州's pack has no 考试成绩公示
    assert _counts() == before


def test_personal_columns_are_refused(agency_a: Agency) -> None:
    pub, _ = _team(agency_a)
    before = _counts()
    with pytest.raises(RuleViolation, match="联系电话"):
        process_publicity.create_notice(
            actor=pub,
            agency=agency_a,
            item_id="lottery_candidates",
            title="公租房摇号符合条件人员名单",
            columns=["姓名", "联系电话"],
            rows=[["王小明", "13871234567"]],
        )
    assert _counts() == before


def test_stray_numbers_in_other_columns_are_redacted(agency_a: Agency) -> None:
    pub, _ = _team(agency_a)
    notice = process_publicity.create_notice(
        actor=pub,
        agency=agency_a,
        item_id="early_retirement_list",
        title="特殊工种提前退休人员名单公示",
        columns=["姓名", "工种", "备注"],
        rows=[["王小明", "井下作业", "王小明本人电话13871234567"]],
    )
    assert notice.rows[0][0] == "王某"
    assert "13871234567" not in notice.rows[0][2] and "王小明" not in notice.rows[0][2]


def test_announcement_leaves_the_list_after_the_event_day_and_stays_reachable(
    client: Client, agency_a: Agency
) -> None:
    pub, leader = _team(agency_a)
    with time_machine.travel(cf.at(2026, 3, 10, 9), tick=False):
        notice = process_publicity.create_notice(
            actor=pub,
            agency=agency_a,
            item_id="hearing_notice",
            title="听证公告（武人社监〔2026〕1号）",
            matter="某公司拖欠工资行政处罚案",
            event_at=cf.at(2026, 3, 20, 9, 30),
            place="本局三楼听证室",
        )
        notice = _publish(notice, pub, leader)
    assert notice.display_until == dt.date(2026, 3, 20)
    url = reverse("disclosure:process_detail", kwargs={"pk": notice.pk})
    with time_machine.travel(cf.at(2026, 3, 20, 18), tick=False):
        assert notice.title in client.get(reverse("disclosure:process_list")).content.decode()
        assert "公示期满" not in client.get(url).content.decode()
    with time_machine.travel(cf.at(2026, 3, 21, 9), tick=False):
        listed = process_publicity.listed_notices(today=dt.date(2026, 3, 21))
        assert notice not in listed
        assert notice in process_publicity.ended_notices(today=dt.date(2026, 3, 21))
        page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "公示期满" in html and "本局三楼听证室" in html
        feed = json.loads(client.get(reverse("disclosure:process_json")).content)
        assert feed["count"] == 0


def test_pack_display_period_counts_working_days(
    agency_a: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    pub, leader = _team(agency_a)
    items = process_publicity.notice_items(agency_a)
    period = TimeLimit(amount=5, unit="workday", cite="测试规则 第一条")
    patched = [
        i.model_copy(update={"display_period": period}) if i.id == "exam_scores" else i
        for i in items
    ]
    monkeypatch.setattr(process_publicity, "notice_items", lambda agency: patched)
    # Friday 2026-04-03; 4-4..4-6 清明 holidays: the 5th working day after is 2026-04-13.
    with time_machine.travel(cf.at(2026, 4, 3, 9), tick=False):
        notice = _publish(_scores(agency_a, pub), pub, leader)
    assert notice.display_until == dt.date(2026, 4, 13)
    assert "测试规则 第一条" in notice.display_basis


def test_withdrawal_and_correction_keep_a_public_trace(client: Client, agency_a: Agency) -> None:
    pub, leader = _team(agency_a)
    first = _publish(_scores(agency_a, pub), pub, leader)
    corrected = process_publicity.correct_notice(
        actor=pub,
        notice=first,
        reason="第二名成绩录入有误",
        rows=[list(PEOPLE[0]), ["欧阳娜娜", "420102199003071234", "A2026002", "93"]],
    )
    assert corrected.version == 2 and corrected.rows[1][3] == "93"
    assert corrected.history[0]["content"]["rows"][1][3] == "91"
    assert corrected.history[0]["reason"] == "第二名成绩录入有误"
    withdrawn = notices.withdraw(actor=pub, notice=corrected, reason="考试被依法宣布无效")
    page = client.get(reverse("disclosure:process_detail", kwargs={"pk": withdrawn.pk}))
    html = page.content.decode()
    assert page.status_code == 200 and "已撤回" in html and "考试被依法宣布无效" in html
    assert "第二名成绩录入有误" in html
    assert withdrawn not in process_publicity.listed_notices(today=dt.date(2100, 1, 1))
    before = _counts()
    with pytest.raises(RuleViolation):
        process_publicity.correct_notice(actor=pub, notice=withdrawn, reason="再改")
    assert _counts() == before


def test_publishing_needs_approval_first(agency_a: Agency) -> None:
    pub, _ = _team(agency_a)
    notice = _scores(agency_a, pub)
    before = _counts()
    with pytest.raises(RuleViolation):
        process_publicity.publish_notice(actor=pub, notice=notice)
    assert _counts() == before
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.DRAFT and notice.published_at is None


def _permit_case(agency: Agency, *, exam_based: bool, officer: User, team: list[Officer]) -> Case:
    return case_services.open_case(
        actor=officer,
        agency=agency,
        kind="permit",
        procedure="standard",
        source="application",
        title="职业技能等级认定许可申请",
        parties=[{"kind": "organization", "name": "武汉市某职业培训学校有限公司"}],
        facts={"exam_based": exam_based},
        officers=team,
        at=START,
    )


def test_exam_based_permit_may_not_be_decided_before_the_scores_are_published(
    agency_a: Agency,
) -> None:
    pub, leader = _team(agency_a)
    team = cf.officers(agency_a, 2)
    officer = cf.staff(agency_a, "officer", Role.OFFICER)
    with time_machine.travel(START, tick=False):
        case = _permit_case(agency_a, exam_based=True, officer=officer, team=team)
        plain = _permit_case(agency_a, exam_based=False, officer=officer, team=team)
    stage = "permit.standard.decision"
    assert process_publicity.unpublished_before(case, stage) == ["exam_scores"]
    assert process_publicity.unpublished_before(plain, stage) == []
    notice = process_publicity.create_notice(
        actor=pub,
        agency=agency_a,
        item_id="exam_scores",
        title="考试成绩公示",
        columns=COLUMNS,
        rows=[list(PEOPLE[0])],
        case=case,
    )
    assert process_publicity.unpublished_before(case, stage) == ["exam_scores"]
    _publish(notice, pub, leader)
    assert process_publicity.unpublished_before(case, stage) == []


def _penalty_case(agency: Agency, *, public_hearing: bool) -> Case:
    team = list(Officer.objects.filter(agency=agency)[:2]) or cf.officers(agency, 2)
    officer = User.objects.filter(username=f"officer-{agency.slug}").first() or cf.staff(
        agency, "officer", Role.OFFICER
    )
    with time_machine.travel(START, tick=False):
        return case_services.open_case(
            actor=officer,
            agency=agency,
            kind="penalty",
            procedure="general",
            source="ex_officio",
            title="王小明拖欠劳动报酬案",
            parties=[{"kind": "individual", "name": "王小明", "phone": "13871234567"}],
            facts={"public_hearing": public_hearing},
            officers=team,
            at=START,
        )


def test_hearing_announcement_from_the_case_record(agency_a: Agency) -> None:
    pub, leader = _team(agency_a)
    closed_hearing = _penalty_case(agency_a, public_hearing=False)
    public = _penalty_case(agency_a, public_hearing=True)
    before = _counts()
    with pytest.raises(RuleViolation, match="不需要发布听证公告"):
        process_publicity.hearing_notice_from_case(
            actor=pub, case=closed_hearing, item_id="hearing_notice"
        )
    with pytest.raises(RuleViolation, match="尚无听证通知记录"):
        process_publicity.hearing_notice_from_case(actor=pub, case=public, item_id="hearing_notice")
    assert _counts() == before
    # The hearing notice as the cases app records it (a fixture row; the walk to the hearing
    # stage is the cases app's own scenario).
    CaseRecord.objects.create(
        agency=agency_a,
        case=public,
        record_type="hearing_notification",
        label="听证通知书",
        stage="hearing",
        payload={"hearing_at": "2026-03-20T09:30:00+08:00", "place": "本局三楼听证室"},
        recorded_by=pub,
        recorded_at=START,
        ledger_index=0,
    )
    notice = process_publicity.hearing_notice_from_case(
        actor=pub, case=public, item_id="hearing_notice"
    )
    assert notice.case == public and notice.place == "本局三楼听证室"
    assert notice.event_at == cf.at(2026, 3, 20, 9, 30)
    assert "王小明" not in notice.matter and "王某" in notice.matter
    assert "2026年3月20日09:30" in notice.body and "王小明" not in notice.body
    with time_machine.travel(cf.at(2026, 3, 5, 9), tick=False):
        notice = _publish(notice, pub, leader)
    assert notice.display_until == dt.date(2026, 3, 20)


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        (
            "wuhan-rsj",
            {
                "exam_scores",
                "exam_scores_confirmation",
                "early_retirement_list",
                "hearing_notice",
                "tender_notice",
                "lottery_candidates",
            },
        ),
        ("liuzhou-kjj", {"window_board", "office_and_flowchart"}),
        ("wuhan-kjj", set()),
        ("qiaokou-rzj", set()),
        ("dongxihu-sfj", set()),
    ],
)
def test_each_agency_publishes_the_process_items_its_pack_names(
    slug: str, expected: set[str]
) -> None:
    """事中公示 is a publication only where a seed requires one (市人社局 第七条; 柳州 第七条
    公示牌、办事指南); 出示证件 on site (every seed) is a duty, not a notice."""
    agency = cf.agency(slug)
    assert {i.id for i in process_publicity.notice_items(agency)} == expected


def test_the_cases_gate_refuses_the_decision_stage_until_the_scores_are_published(
    agency_a: Agency,
) -> None:
    """The cases app's stage gate (cases.gates.check_advance) names the item and its article."""
    from sanxiang.cases import gates

    pub, leader = _team(agency_a)
    team = cf.officers(agency_a, 2)
    officer = cf.staff(agency_a, "officer", Role.OFFICER)
    with time_machine.travel(START, tick=False):
        case = _permit_case(agency_a, exam_based=True, officer=officer, team=team)
    with pytest.raises(RuleViolation) as refused:
        gates.check_process_publicity(case, "decision")
    assert refused.value.rule_id == "exam_scores"
    assert "第七条" in str(refused.value.cite)
    gates.check_process_publicity(case, "review")  # other stages are not gated
    notice = process_publicity.create_notice(
        actor=pub,
        agency=agency_a,
        item_id="exam_scores",
        title="考试成绩公示",
        columns=COLUMNS,
        rows=[list(PEOPLE[0])],
        case=case,
    )
    _publish(notice, pub, leader)
    gates.check_process_publicity(case, "decision")
