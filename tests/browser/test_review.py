"""A legal reviewer works through the checklist and issues an opinion in the browser; the
decision stage that was blocked before can then be entered (by the 负责人 who approves it)."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

from sanxiang.cases.models import Case
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.review import rules
from sanxiang.review.models import Opinion
from sanxiang.review.tests.helpers import World


def test_reviewer_issues_opinion_then_the_decision_is_recorded(
    page: Page, log_in: Callable[..., None]
) -> None:
    world = World()
    case, moment = world.case()
    submission = world.submit(case, moment)
    pack = pack_for_agency(world.agency)

    # Before the review the officer sees the decision blocked with the rule named.
    log_in(world.officer.username)
    page.goto(f"/cases/{case.pk}/")
    assert "no_decision_without_review" in page.locator("#actions").inner_text()
    page.get_by_role("button", name="退出登录").click()

    log_in(world.reviewer.username)
    page.goto("/review/")
    page.get_by_role("link", name=case.number).click()
    page.wait_for_url(f"**/review/{submission.pk}/")
    assert page.locator("#timeline li").count() > 0  # the case timeline beside the checklist
    for item in rules.checklist(pack):
        row = page.locator(f"#item-{item.id}")
        row.locator("select[name=passed]").select_option("1")
        row.get_by_role("button", name="记录").click()
        page.wait_for_url(f"**/review/{submission.pk}/")
        assert page.locator(f"#item-{item.id} td.finding").inner_text() == "符合"
    page.locator("#opinion-form select[name=outcome_id]").select_option("outcome_approve")
    page.locator("#opinion-form textarea[name=reasons]").fill(
        "事实清楚，证据确凿，程序合法，同意。"
    )
    page.get_by_role("button", name="出具法制审核意见书").click()
    page.wait_for_url(f"**/review/{submission.pk}/")
    assert "允许作出决定" in page.locator("#gate-state").inner_text()
    opinion = Opinion.objects.get(submission=submission)
    page.get_by_role("link", name=opinion.number).click()
    document = page.locator("#opinion-document")
    assert "法制审核意见书" in document.inner_text()
    assert "存入执法案卷" in document.inner_text() and "留存归档" in document.inner_text()
    page.get_by_role("button", name="退出登录").click()

    # The decision is entered with the approval of the 负责人 (处罚法 第五十七条; 市人社局记录办法
    # 第二十条), who now can: the review allows it.
    log_in(world.leader.username)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("button", name="进入“决定”").click()
    page.wait_for_url(f"**/cases/{case.pk}/")
    assert Case.objects.get(pk=case.pk).stage == "decision"
    assert page.locator("#current-stage").inner_text() == "决定"
