"""A publisher reviews the automatic redaction side by side, hides one more span, submits; the
head approves; the publisher publishes, and the public page shows only the redacted text."""

from __future__ import annotations

from collections.abc import Callable

import time_machine
from playwright.sync_api import Page

from sanxiang.accounts.choices import Role
from sanxiang.cases.tests import factories as cf
from sanxiang.disclosure import services
from sanxiang.disclosure.choices import PublicationStatus
from sanxiang.disclosure.models import Publication
from sanxiang.disclosure.tests.factories import PERSON, decided_case

START = cf.at(2026, 3, 2, 9)


def test_publisher_reviews_redaction_and_publishes(page: Page, log_in: Callable[..., None]) -> None:
    with time_machine.travel(START, tick=False):
        agency, case, record, _ = decided_case("wuhan-rsj", start=START)
        # Recording the decision opened its task on commit (live-server tests commit); the
        # call is idempotent and covers the case where it did not.
        services.on_decision_recorded(case, record)
    (publication,) = Publication.objects.filter(agency=agency, case=case)
    publisher = cf.staff(agency, "pub", Role.PUBLICITY)
    head = cf.staff(agency, "head", Role.HEAD, Role.LEADER)

    log_in(publisher.username)
    page.goto("/gongshi/staff/")
    page.get_by_role("link", name=publication.title).click()
    page.wait_for_url(f"**/gongshi/staff/{publication.pk}/")
    public_text = page.locator("#public-text").inner_text()
    assert PERSON["name"] not in public_text and PERSON["id_number"] not in public_text
    assert page.locator("mark.span").count() >= 4
    page.get_by_label("增加隐去（原文中的文字）").fill("5000")
    page.locator("form:has(input[value=add_span])").get_by_label("理由").fill("个人财务状况")
    page.get_by_role("button", name="隐去").click()
    page.wait_for_url(f"**/gongshi/staff/{publication.pk}/")
    assert "5000" not in page.locator("#public-text").inner_text()
    page.get_by_role("button", name="提交审批").click()
    page.wait_for_url(f"**/gongshi/staff/{publication.pk}/")
    page.get_by_role("button", name="退出登录").click()

    log_in(head.username)
    page.goto(f"/gongshi/staff/{publication.pk}/")
    page.get_by_role("button", name="审批同意").click()
    page.wait_for_url(f"**/gongshi/staff/{publication.pk}/")
    page.get_by_role("button", name="退出登录").click()

    log_in(publisher.username)
    page.goto(f"/gongshi/staff/{publication.pk}/")
    page.get_by_role("button", name="发布公示").click()
    page.wait_for_url(f"**/gongshi/staff/{publication.pk}/")
    assert Publication.objects.get(pk=publication.pk).status == PublicationStatus.PUBLISHED
    page.get_by_role("link", name="查看公开页面").click()
    page.wait_for_url(f"**/gongshi/results/{publication.pk}/")
    assert PERSON["name"] not in page.content()
