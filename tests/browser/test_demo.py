"""The demo as a visitor meets it (issue 2 §1: `make demo`): the five agencies on the Chinese home
page, the printed demo logins working in the login form, the public certificate check on real
demo data. The demo is built into the live server's test database, not into var/."""

from __future__ import annotations

import io
from collections.abc import Callable

from playwright.sync_api import Page

from sanxiang.core.demo import AGENCIES, DEMO_PASSWORD, SUPERVISOR_USERNAME, build_demo
from sanxiang.registry.models import Agency, Officer

from .conftest import PageLog


def test_demo_home_page_logins_and_certificate_check(
    page: Page, page_log: PageLog, log_in: Callable[..., None], db: None
) -> None:
    build_demo(stdout=io.StringIO())
    kjj, rsj = Agency.objects.get(slug="wuhan-kjj"), Agency.objects.get(slug="wuhan-rsj")

    page.goto("/")
    names = page.locator("table tbody tr td:first-child").all_inner_texts()
    assert names == [spec.name for spec in AGENCIES]
    assert len(names) == 5

    # A visitor checks the certificate of the first officer listed on an agency's page.
    page.get_by_role("link", name=rsj.name).click()
    officer = Officer.objects.filter(agency=rsj, is_active=True).order_by("id").first()
    assert officer is not None
    page.get_by_role("link", name=officer.cert_no, exact=True).first.click()
    page.wait_for_url(f"**/officers/{officer.cert_no}/")
    assert officer.name in page.locator("table").inner_text()

    # The agency's data administrator logs in with the printed demo password and finds their
    # own officers in the admin, and no other agency's.
    log_in("wuhan-kjj.admin", DEMO_PASSWORD)
    assert page.locator("header a.who").inner_text().endswith(f" · {kjj.name}")
    page.goto("/admin/registry/officer/?all=")
    listed = set(page.locator("#result_list tbody tr th a").all_inner_texts())
    assert listed == set(Officer.objects.filter(agency=kjj).values_list("name", flat=True))
    assert listed.isdisjoint(Officer.objects.exclude(agency=kjj).values_list("name", flat=True))
    page.goto("/")
    page.get_by_role("button", name="退出登录").click()
    page.get_by_role("link", name="工作人员登录").wait_for()

    # The supervisor, who belongs to no agency, reads every agency's officers.
    log_in(SUPERVISOR_USERNAME, DEMO_PASSWORD)
    page.goto("/admin/registry/officer/?all=")
    listed = set(page.locator("#result_list tbody tr th a").all_inner_texts())
    assert listed == set(Officer.objects.values_list("name", flat=True))

    assert page_log.failed_responses == []
    assert page_log.errors == []
