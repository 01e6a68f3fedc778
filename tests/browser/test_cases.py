"""An officer records a step of a case in a real browser and sees it on the timeline (issue 4,
done-when): log in, open the case from 我的案件, record a 调查笔录, see it on the case page; a
refused attempt (one officer; 处罚法 第四十二条 wants two) shows the rule and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from sanxiang.accounts.choices import Role
from sanxiang.cases.models import CaseRecord
from sanxiang.cases.tests import factories as f
from sanxiang.cases.tests.test_gates import PENALTY, START
from sanxiang.registry.models import Agency

from .conftest import PageLog


def test_an_officer_records_a_step_and_sees_it_on_the_timeline(
    page: Page,
    page_log: PageLog,
    live_server: LiveServer,
    agency_a: Agency,
    agency_b: Agency,
    log_in: Callable[..., None],
    screenshot: Callable[[str], Path],
) -> None:
    officer = f.staff(agency_a, "officer", Role.OFFICER)
    team = f.officers(agency_a, 1, user=officer) + f.officers(agency_a, 1)
    case = f.open_case(
        actor=officer,
        agency=agency_a,
        kind="penalty",
        procedure="general",
        team=team,
        when=START,
        facts=PENALTY,
        title="某建筑劳务公司拖欠工资案",
    )
    f.walk(case, ("filing", "investigation"), actor=officer, team=team, start=START)
    other = f.staff(agency_b, "officer", Role.OFFICER)
    f.open_case(
        actor=other,
        agency=agency_b,
        kind="penalty",
        procedure="general",
        team=f.officers(agency_b, 2),
        when=START,
        title="柳州某企业案",
    )

    log_in(officer.username)
    page.get_by_role("link", name="我的案件", exact=True).click()
    page.wait_for_url("**/cases/mine/")
    assert "柳州某企业案" not in page.content()
    page.locator("#my-cases").get_by_role("link", name=case.number).click()
    page.wait_for_url(f"**/cases/{case.pk}/")
    assert page.locator("#current-stage").inner_text() == "调查取证"

    page.get_by_role("link", name="调查笔录", exact=False).first.click()
    page.wait_for_url(f"**/cases/{case.pk}/records/investigation_transcript/")
    page.get_by_label("地点", exact=True).fill("某公司项目部办公室")
    page.get_by_label("笔录内容", exact=True).fill("询问项目负责人工资发放情况")
    page.get_by_label("已出示执法证件").check()
    page.get_by_label("发生时间（不填为现在）").fill("2026-03-05T10:00")
    # Only one officer present: refused by 处罚法 第四十二条, and nothing is written.
    page.get_by_label(team[1].cert_no, exact=False).uncheck()
    page.get_by_role("button", name="保存记录").click()
    refusal = page.locator("p.refusal").inner_text()
    assert "不少于 2 名" in refusal and "规则：penalty.general.investigation" in refusal
    assert "本次操作未写入任何记录" in refusal
    assert not CaseRecord.objects.filter(case=case, record_type="investigation_transcript")

    page.get_by_label(team[1].cert_no, exact=False).check()
    page.get_by_role("button", name="保存记录").click()
    page.wait_for_url(f"**/cases/{case.pk}/")
    timeline = page.locator("#timeline").inner_text()
    assert "询问项目负责人工资发放情况" in timeline
    assert team[0].cert_no in timeline and team[1].cert_no in timeline
    assert "已记录" in page.locator("#actions").inner_text()
    screenshot("case-timeline")
    assert page_log.foreign_requests(live_server.url) == []
    assert page_log.errors == []


def test_a_section_head_approves_the_filing_the_officer_may_not(
    page: Page,
    page_log: PageLog,
    live_server: LiveServer,
    agency_a: Agency,
    agency_b: Agency,
    log_in: Callable[..., None],
    screenshot: Callable[[str], Path],
) -> None:
    """柳州 keeps the national 立案 (处罚法 第五十四条): the section head approves leaving it. The
    case page tells everyone whose approval the move is; the section head gets the button."""
    officer = f.staff(agency_b, "officer", Role.OFFICER)
    head = f.staff(agency_b, "section-head", Role.SECTION_HEAD)
    team = f.officers(agency_b, 2)
    case = f.open_case(
        actor=officer,
        agency=agency_b,
        kind="penalty",
        procedure="general",
        team=team,
        when=START,
        facts={"on_site_enforcement": True},
        title="柳州某科技公司违规案",
    )
    f.fill_stage(case, actor=officer, team=team, when=START)

    log_in(head.username)
    page.goto(f"/cases/{case.pk}/")
    actions = page.locator("#actions").inner_text()
    assert "须经承办机构负责人审批" in actions
    page.get_by_role("button", name="进入“调查取证”").click()
    page.wait_for_url(f"**/cases/{case.pk}/")
    assert "案件已进入“调查取证”" in page.content()
    assert page.locator("#current-stage").inner_text() == "调查取证"
    change = case.stage_changes.get(to_stage="investigation")
    assert change.approved_by == head and change.approval_role == Role.SECTION_HEAD
    screenshot("case-filing-approved")
    assert page_log.foreign_requests(live_server.url) == []
    assert page_log.errors == []
