"""Staff pages for 事中公示 and 检查计划/检查信息 (the user flow), and a leak crawl of every public
page and feed they add, with personal data in the lists and in the inspected cases."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.cases import services as case_services
from sanxiang.cases.models import CaseRecord
from sanxiang.cases.tests import factories as cf
from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.disclosure.inspection_models import InspectionInfo, InspectionPlan
from sanxiang.disclosure.process_models import ProcessNotice
from sanxiang.ledger.models import LedgerEntry
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db

NAME, ID_NUMBER, PHONE = "欧阳娜娜", "420102199003071234", "13871234567"
PARTY = {"name": "王小明", "id_number": "11010519491231002X", "phone": "13900001111"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "href" and value and not value.startswith(("#", "mailto:")):
                self.links.append(value)


def _login(client: Client, agency: Agency, name: str, role: Role) -> User:
    user = User.objects.filter(username=f"{name}-{agency.slug}").first() or cf.staff(
        agency, name, role
    )
    client.force_login(user)
    return user


def _act(client: Client, kind: str, pk: int, action: str, **data: str) -> None:
    url = reverse("disclosure:staff_notice_action", kwargs={"kind": kind, "pk": pk})
    assert client.post(url, {"action": action, **data}).status_code == 302


def _approve_and_publish(client: Client, agency: Agency, kind: str, pk: int) -> None:
    _login(client, agency, "pub", Role.PUBLICITY)
    _act(client, kind, pk, "submit")
    _login(client, agency, "leader", Role.LEADER)
    _act(client, kind, pk, "approve")
    _login(client, agency, "pub", Role.PUBLICITY)
    _act(client, kind, pk, "publish")


def _staff_flow(client: Client, agency: Agency) -> tuple[ProcessNotice, InspectionPlan]:
    _login(client, agency, "pub", Role.PUBLICITY)
    page = client.get(reverse("disclosure:staff_notices"))
    assert page.status_code == 200 and "考试成绩" in page.content.decode()
    create = reverse("disclosure:staff_notice_create")
    response = client.post(
        create,
        {
            "what": "process",
            "item_id": "exam_scores",
            "title": "职业技能等级认定考试成绩公示",
            "table": f"姓名,身份证号码,成绩\n{NAME},{ID_NUMBER},92\n王小明,11010519491231002X,75",
        },
    )
    notice = ProcessNotice.objects.get(agency=agency)
    assert response["Location"] == reverse(
        "disclosure:staff_notice", kwargs={"kind": "process", "pk": notice.pk}
    )
    assert notice.rows[0] == ["欧阳某", "**************1234", "92"]
    client.post(
        create,
        {
            "what": "plan",
            "year": "2026",
            "lines": "书面审查,书面检查,辖区用人单位,1200,5,每年一次\n"
            "人力资源市场抽查,双随机抽查,人力资源服务机构,87,10.5,每半年一次,2",
        },
    )
    plan = InspectionPlan.objects.get(agency=agency)
    assert plan.planned_total == 80 and plan.lines.count() == 2
    _approve_and_publish(client, agency, "process", notice.pk)
    _approve_and_publish(client, agency, "plan", plan.pk)
    notice.refresh_from_db()
    plan.refresh_from_db()
    assert notice.status == plan.status == NoticeStatus.PUBLISHED
    return notice, plan


def test_staff_prepare_approve_and_publish_through_the_pages(
    client: Client, agency_a: Agency, agency_b: Agency
) -> None:
    notice, plan = _staff_flow(client, agency_a)
    # A publisher of the other agency neither sees nor acts on them.
    _login(client, agency_b, "pub", Role.PUBLICITY)
    entries = LedgerEntry.objects.count()
    for kind, pk in (("process", notice.pk), ("plan", plan.pk)):
        url = reverse("disclosure:staff_notice_action", kwargs={"kind": kind, "pk": pk})
        assert client.post(url, {"action": "withdraw", "reason": "x"}).status_code == 404
    assert LedgerEntry.objects.count() == entries
    page = client.get(reverse("disclosure:staff_notices")).content.decode()
    assert notice.title not in page
    # 柳州 has no 考试成绩公示: the form refuses and nothing is written.
    client.post(
        reverse("disclosure:staff_notice_create"),
        {"what": "process", "item_id": "exam_scores", "title": "成绩", "table": "姓名\n张三"},
    )
    assert not ProcessNotice.objects.filter(agency=agency_b).exists()
    assert LedgerEntry.objects.count() == entries
    # An approver cannot publish; the publisher must (the state stays).
    _login(client, agency_a, "pub", Role.PUBLICITY)
    _act(client, "process", notice.pk, "withdraw", reason="考试无效")
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.WITHDRAWN and notice.withdrawal_reason == "考试无效"


def test_crawl_of_the_new_public_pages_finds_no_personal_data(
    client: Client, agency_a: Agency
) -> None:
    with time_machine.travel(cf.at(2026, 2, 2, 9), tick=False):
        team = cf.officers(agency_a, 2)
        officer = cf.staff(agency_a, "officer", Role.OFFICER)
        for i in range(2):
            case_services.open_case(
                actor=officer,
                agency=agency_a,
                kind="inspection",
                procedure="general",
                source="ex_officio",
                title=f"对{PARTY['name']}经营场所的劳动保障检查{i}",
                parties=[{"kind": "individual", "address": "武汉市江汉区新华路218号", **PARTY}],
                facts={},
                officers=team,
                at=cf.at(2026, 2, 2 + i, 9),
            )
    with time_machine.travel(cf.at(2026, 4, 2, 9), tick=False):
        _staff_flow(client, agency_a)
        client.post(
            reverse("disclosure:staff_notice_create"),
            {"what": "info", "item_id": "inspection_results", "day": "2026-02-01"},
        )
        info = InspectionInfo.objects.get(agency=agency_a)
        assert info.figures["inspected"] == 2
        _approve_and_publish(client, agency_a, "info", info.pk)
        client.post(
            reverse("disclosure:staff_notice_create"),
            {
                "what": "process",
                "item_id": "hearing_notice",
                "title": "听证公告",
                "matter": f"{PARTY['name']}不服拟作出的行政处罚决定",
                "event_at": "2026-04-20T09:30",
                "place": "本局三楼听证室",
                "body": f"当事人{PARTY['name']}（电话{PARTY['phone']}）申请听证。",
            },
        )
        hearing = ProcessNotice.objects.get(agency=agency_a, item_id="hearing_notice")
        _approve_and_publish(client, agency_a, "process", hearing.pk)
        assert ProcessNotice.objects.get(pk=hearing.pk).display_until == dt.date(2026, 4, 20)
        client.logout()

        secrets = {NAME, ID_NUMBER, PHONE, *PARTY.values(), "新华路218号"}
        queue = [
            reverse("disclosure:home"),
            reverse("disclosure:process_json"),
            reverse("disclosure:agency", kwargs={"slug": agency_a.slug}),
        ]
        seen: set[str] = set()
        visited: set[str] = set()
        while queue:
            url = queue.pop()
            path = urlsplit(url).path
            if url in seen or not path.startswith(("/gongshi/", "/registry/")):
                continue
            if "/staff/" in path or "/feedback/" in path or "/officers/" in path:
                continue
            seen.add(url)
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode("utf-8-sig")
            visited.add(path)
            for secret in secrets:
                assert secret not in body, f"{secret!r} leaked on {url}"
            assert not re.search(r"\d{17}[\dXx]", body), f"an ID-like number on {url}"
            parser = _Links()
            parser.feed(body)
            queue.extend(
                urljoin(url, link).replace("http://testserver", "") for link in parser.links
            )
        assert json.loads(client.get(reverse("disclosure:process_json")).content)["count"] == 2
    expected = {
        reverse("disclosure:flowcharts", kwargs={"slug": agency_a.slug}),
        reverse("disclosure:inspection", kwargs={"slug": agency_a.slug}),
        reverse("disclosure:process_list"),
        reverse("disclosure:process_detail", kwargs={"pk": hearing.pk}),
        reverse("disclosure:info_detail", kwargs={"pk": info.pk}),
        reverse("registry:agency", kwargs={"slug": agency_a.slug}),
    }
    assert expected <= visited
    # After 20 April the hearing announcement has left the list (公示期满).
    with time_machine.travel(cf.at(2026, 4, 21, 9), tick=False):
        assert json.loads(client.get(reverse("disclosure:process_json")).content)["count"] == 1


def test_hearing_announcement_from_a_case_number(
    client: Client, agency_a: Agency, agency_b: Agency
) -> None:
    start = cf.at(2026, 3, 2, 9)
    officer = cf.staff(agency_a, "officer", Role.OFFICER)
    with time_machine.travel(start, tick=False):
        case = case_services.open_case(
            actor=officer,
            agency=agency_a,
            kind="penalty",
            procedure="general",
            source="ex_officio",
            title="王小明拖欠劳动报酬案",
            parties=[{"kind": "individual", "name": "王小明"}],
            facts={"public_hearing": True},
            officers=cf.officers(agency_a, 2),
            at=start,
        )
    # The hearing notice as the cases app records it (a fixture row).
    CaseRecord.objects.create(
        agency=agency_a,
        case=case,
        record_type="hearing_notice",
        label="听证通知书",
        stage="hearing",
        payload={"hearing_at": "2026-03-20", "place": "本局三楼听证室"},
        recorded_by=officer,
        recorded_at=start,
        ledger_index=0,
    )
    create = reverse("disclosure:staff_notice_create")
    form = {"what": "hearing", "item_id": "hearing_notice", "case_number": case.number}
    _login(client, agency_b, "pub", Role.PUBLICITY)
    entries = LedgerEntry.objects.count()
    assert client.post(create, form).status_code == 302
    assert not ProcessNotice.objects.exists() and LedgerEntry.objects.count() == entries
    _login(client, agency_a, "pub", Role.PUBLICITY)
    page = client.get(reverse("disclosure:staff_notices")).content.decode()
    assert "生成听证公告" in page
    response = client.post(create, form)
    notice = ProcessNotice.objects.get(agency=agency_a)
    assert response["Location"] == reverse(
        "disclosure:staff_notice", kwargs={"kind": "process", "pk": notice.pk}
    )
    assert notice.case == case and notice.place == "本局三楼听证室"
    assert notice.event_at == cf.at(2026, 3, 20, 0) and "王小明" not in notice.matter
    # The record gave the day only: the announcement names the day, no made-up hour.
    assert "定于2026年3月20日在本局三楼听证室" in notice.body
