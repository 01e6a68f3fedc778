"""The public home page in a real browser: Chinese, the agencies listed, nothing loaded from
outside the platform (public pages must not leak visitors to third parties, DESIGN.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from sanxiang.registry.models import Agency

from .conftest import PageLog


def test_home_page_lists_the_agencies_in_chinese_with_local_assets_only(
    page: Page,
    page_log: PageLog,
    live_server: LiveServer,
    agency_a: Agency,
    agency_b: Agency,
    screenshot: Callable[[str], Path],
) -> None:
    response = page.goto("/")

    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.title() == "三项制度平台"
    assert page.get_by_role("heading", level=1).inner_text() == "行政执法“三项制度”平台"
    rows = page.locator("table tbody tr")
    assert rows.all_inner_texts() == [
        f"{agency_a.name}\t{agency_a.slug}",
        f"{agency_b.name}\t{agency_b.slug}",
    ]
    # Each name leads to that agency's public page.
    page.get_by_role("link", name=agency_b.name).click()
    page.wait_for_url(f"**/registry/{agency_b.slug}/")
    assert agency_b.name in page.get_by_role("heading", level=1).inner_text()

    page.go_back()
    # The stylesheet really loaded (an unstyled page would still pass the text checks).
    assert page.locator("header.topbar").evaluate("e => getComputedStyle(e).display") == "flex"
    path = screenshot("home")
    assert path.stat().st_size > 10_000

    assert any(url.endswith(".css") for url in page_log.requests), page_log.requests
    assert page_log.foreign_requests(live_server.url) == []
    assert page_log.failed_responses == []
    assert page_log.errors == []


def test_home_page_without_agencies_says_so(page: Page, db: None) -> None:
    page.goto("/")
    assert page.locator("table tbody").inner_text().strip() == "尚无执法主体。"
