"""事中公示 in a browser: the publisher drafts an exam-score list from a pasted table, the leader
approves, the publisher publishes; a visitor finds it from the agency page with the names
masked, and opens the agency's flowcharts (inline SVG with the stage labels as text)."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

from sanxiang.accounts.choices import Role
from sanxiang.cases.tests import factories as cf
from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.disclosure.process_models import ProcessNotice
from sanxiang.policy.loader import load_pack
from sanxiang.registry.models import Agency

TITLE = "2026年第一批职业技能等级认定考试成绩公示"


def test_publisher_publishes_a_score_list_and_a_visitor_reads_it(
    page: Page, log_in: Callable[..., None], agency_a: Agency
) -> None:
    publisher = cf.staff(agency_a, "pub", Role.PUBLICITY)
    leader = cf.staff(agency_a, "leader", Role.LEADER)

    log_in(publisher.username)
    page.goto("/gongshi/staff/shizhong-jiancha/")
    page.get_by_label("公示事项").select_option("exam_scores")
    page.get_by_role("textbox", name="标题").fill(TITLE)
    page.get_by_role("textbox", name="名单").fill(
        "姓名,身份证号码,成绩\n欧阳娜娜,420102199003071234,92"
    )
    page.get_by_role("button", name="起草事中公示").click()
    notice = ProcessNotice.objects.get(agency=agency_a)
    page.wait_for_url(f"**/shizhong-jiancha/process/{notice.pk}/")
    assert "欧阳某" in page.content() and "欧阳娜娜" not in page.content()
    page.get_by_role("button", name="提交审批").click()
    page.wait_for_url(f"**/shizhong-jiancha/process/{notice.pk}/")
    page.get_by_role("button", name="退出登录").click()

    log_in(leader.username)
    page.goto(f"/gongshi/staff/shizhong-jiancha/process/{notice.pk}/")
    page.get_by_role("button", name="审批通过").click()
    page.wait_for_url(f"**/shizhong-jiancha/process/{notice.pk}/")
    page.get_by_role("button", name="退出登录").click()

    log_in(publisher.username)
    page.goto(f"/gongshi/staff/shizhong-jiancha/process/{notice.pk}/")
    page.get_by_role("button", name="发布").click()
    page.wait_for_url(f"**/shizhong-jiancha/process/{notice.pk}/")
    assert ProcessNotice.objects.get(pk=notice.pk).status == NoticeStatus.PUBLISHED
    page.get_by_role("button", name="退出登录").click()

    page.goto(f"/gongshi/jiguan/{agency_a.slug}/")
    page.get_by_role("link", name="考试成绩、人员名单").click()
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**/gongshi/shizhong/{notice.pk}/")
    body = page.content()
    assert "欧阳某" in body and "**************1234" in body
    assert "欧阳娜娜" not in body and "420102199003071234" not in body

    page.goto(f"/gongshi/jiguan/{agency_a.slug}/")
    page.get_by_role("link", name="执法流程图").click()
    page.wait_for_url(f"**/gongshi/jiguan/{agency_a.slug}/liuchengtu/")
    kinds = load_pack(agency_a.slug).model.case_kinds
    assert page.locator("svg").count() == sum(len(k.procedures) for k in kinds.values())
    labels = page.locator("#penalty-general text.stage-label").all_text_contents()
    expected = [s.label for s in kinds["penalty"].procedures["general"].stages]
    assert sorted(labels) == sorted(expected)
