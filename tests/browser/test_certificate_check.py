"""The public checks the certificate an officer shows (武汉市科技局公示办法 第十三条: 执法人员应当
主动出示证件), in a real browser, without logging in: through the form on the agency's page."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from sanxiang.registry.models import Agency
from sanxiang.registry.tests import factories

from .conftest import PageLog


def _look_up(page: Page, agency: Agency, cert_no: str) -> int:
    """Type the number into the agency page's lookup form; return the answer's HTTP status
    (the form redirects to the certificate's own page; this is the status after the redirect)."""
    page.goto(f"/registry/{agency.slug}/")
    page.get_by_label("执法证号").fill(cert_no)
    with page.expect_navigation(url=f"**/officers/{cert_no}/") as navigation:
        page.get_by_role("button", name="查询").click()
    response = navigation.value
    assert response is not None
    return response.status


def test_a_valid_certificate_is_confirmed(
    page: Page,
    page_log: PageLog,
    live_server: LiveServer,
    agency_a: Agency,
    agency_b: Agency,
    screenshot: Callable[[str], Path],
) -> None:
    dept = factories.department(agency_a, name="劳动保障监察支队")
    factories.officer(agency_a, name="张三", cert_no="42010001", dept=dept)
    factories.officer(agency_b, name="李四", cert_no="45020001")

    status = _look_up(page, agency_a, "42010001")

    assert status == 200
    assert page.url.endswith(f"/registry/{agency_a.slug}/officers/42010001/")
    assert page.get_by_role("heading", level=1).inner_text() == "执法证件查询"
    table = page.locator("table").inner_text()
    assert "张三" in table and "劳动保障监察支队" in table and agency_a.name in table
    today = timezone.localdate()
    assert f"查询结果（{today.year}年{today.month}月{today.day}日）" in table
    assert "证件有效，持证人可以从事行政执法活动。" in table
    assert "李四" not in page.content()
    screenshot("certificate")
    assert page_log.foreign_requests(live_server.url) == []
    assert page_log.failed_responses == []
    assert page_log.errors == []


def test_unknown_expired_and_other_agency_certificates_are_not_confirmed(
    page: Page, agency_a: Agency, agency_b: Agency
) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    factories.officer(
        agency_a,
        name="王五",
        cert_no="42019999",
        valid_from=yesterday - datetime.timedelta(days=365),
        valid_until=yesterday,
    )
    factories.officer(agency_b, name="李四", cert_no="45020001")

    assert _look_up(page, agency_a, "42010000") == 404
    body = page.locator("section.card").inner_text()
    assert "执法证号 42010000：未查询到该执法证件。" in body
    assert "请拨打该执法主体的监督电话核实" in body

    # A certificate of another agency is not found on this agency's page.
    assert _look_up(page, agency_a, "45020001") == 404
    assert "李四" not in page.content()

    assert _look_up(page, agency_a, "42019999") == 200
    table = page.locator("table").inner_text()
    assert "王五" in table
    assert "证件已过期，持证人不得从事行政执法活动。" in table
    assert "证件有效" not in table
