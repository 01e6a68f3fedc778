"""The legal office draws up the 重大执法决定事项目录 in the browser, records its filing with the
justice bureau and publishes it; the public page then shows it, without a login."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

from sanxiang.accounts.choices import Role
from sanxiang.cases.tests import factories as f
from sanxiang.review.models import Catalogue


def test_legal_office_files_and_publishes_the_catalogue(
    page: Page, log_in: Callable[..., None]
) -> None:
    agency = f.agency("dongxihu-sfj")
    f.agency("wuhan-kjj")
    reviewer = f.staff(agency, "reviewer", Role.LEGAL_REVIEWER)

    page.goto(f"/review/gongshi/{agency.slug}/catalogue/")
    assert "尚未公布" in page.locator("#catalogue-none").inner_text()

    log_in(reviewer.username)
    page.goto("/review/catalogue/")
    page.get_by_role("button", name="新建修订版（以现行版本为底稿）").click()
    catalogue = Catalogue.objects.get(agency=agency)
    page.wait_for_url(f"**/review/catalogue/{catalogue.pk}/")
    form = page.locator("#catalogue-item-form")
    form.get_by_label("事项名称").fill("不予给付法律援助的决定")
    form.get_by_label("法律依据").fill("《法律援助法》第四十一条")
    form.get_by_role("button", name="增加").click()
    page.wait_for_url(f"**/review/catalogue/{catalogue.pk}/")
    assert "不予给付法律援助的决定" in page.locator("#catalogue-items").inner_text()

    # Publishing is offered only after the filing (审核、备案, then 公布).
    assert page.locator("#catalogue-publish-form").count() == 0
    filing = page.locator("#catalogue-file-form")
    filing.get_by_label("报司法局备案日期").fill("2026-03-02")
    filing.get_by_label("备案文号").fill("东司备〔2026〕1号")
    filing.get_by_role("button", name="登记备案").click()
    page.wait_for_url(f"**/review/catalogue/{catalogue.pk}/")
    assert page.locator("#catalogue-state").inner_text() == "已备案，待公布"
    page.locator("#catalogue-publish-form").get_by_role("button", name="公布").click()
    page.wait_for_url(f"**/review/catalogue/{catalogue.pk}/")
    assert page.locator("#catalogue-state").inner_text() == "已公布"
    page.get_by_role("button", name="退出登录").click()

    page.goto(f"/review/gongshi/{agency.slug}/catalogue/")
    assert "不予给付法律援助的决定" in page.locator("#catalogue-items").inner_text()
    assert "东司备〔2026〕1号" in page.locator("#catalogue-meta").inner_text()
    page.goto("/review/gongshi/wuhan-kjj/catalogue/")
    assert page.locator("#catalogue-none").count() == 1
