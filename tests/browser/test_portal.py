"""A visitor on the public portal (行政执法公示), in a real browser and without logging in:
searches the results, opens one, checks an officer's certificate and asks for a correction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import time_machine
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from sanxiang.accounts.choices import Role
from sanxiang.cases.tests import factories as cf
from sanxiang.disclosure import services
from sanxiang.disclosure.models import Feedback, Publication
from sanxiang.disclosure.tests.factories import PERSON, decided_case
from sanxiang.registry.models import Officer

from .conftest import PageLog

START = cf.at(2026, 3, 2, 9)


def test_visitor_searches_opens_checks_certificate_and_asks_for_correction(
    page: Page,
    page_log: PageLog,
    live_server: LiveServer,
    screenshot: Callable[[str], Path],
) -> None:
    with time_machine.travel(START, tick=False):
        agency, case, record, _ = decided_case("wuhan-rsj", start=START)
        # Recording the decision opened its task on commit (live-server tests commit); the
        # call is idempotent and covers the case where it did not.
        services.on_decision_recorded(case, record)
    (publication,) = Publication.objects.filter(agency=agency, case=case)
    publisher = cf.staff(agency, "pub", Role.PUBLICITY)
    head = cf.staff(agency, "head", Role.HEAD, Role.LEADER)
    services.submit(actor=publisher, publication=publication)
    services.approve(actor=head, publication=publication)
    services.publish(actor=publisher, publication=publication)
    officer = Officer.objects.filter(agency=agency).order_by("id").first()
    assert officer is not None

    page.goto("/gongshi/")
    page.get_by_role("searchbox").fill("罚款")
    page.get_by_role("button", name="检索").click()
    page.wait_for_url("**/gongshi/results/?q=*")
    assert "共 1 条" in page.content()
    page.get_by_role("link", name=publication.title).click()
    page.wait_for_url(f"**/gongshi/results/{publication.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == publication.title
    assert PERSON["name"] not in page.content()
    screenshot("portal-detail")

    page.get_by_role("link", name="执法证件查询").click()
    page.wait_for_url(f"**/registry/{agency.slug}/")
    page.get_by_label("执法证号").fill(officer.cert_no)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"**/officers/{officer.cert_no}/")
    assert officer.name in page.locator("table").inner_text()

    page.goto(f"/gongshi/results/{publication.pk}/")
    page.get_by_label("内容（5 至 2000 字）").fill("决定日期与送达回证不一致，请核实。")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url(f"**/gongshi/results/{publication.pk}/")
    assert "已收到您的意见" in page.content()
    assert Feedback.objects.filter(publication=publication).count() == 1

    assert page_log.foreign_requests(live_server.url) == []
    assert page_log.failed_responses == []
    assert page_log.errors == []
