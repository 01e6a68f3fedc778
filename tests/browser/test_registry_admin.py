"""An agency's data administrator keeps their registry in the Chinese admin, in a real browser,
and sees only their own agency's rows (issue 2 §4: scoped to their agency)."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page

from sanxiang.ledger.models import LedgerEntry
from sanxiang.registry.choices import DepartmentKind
from sanxiang.registry.models import Agency, Department
from sanxiang.registry.tests import factories

from .conftest import PageLog


def test_agency_admin_adds_a_department_and_sees_only_their_agency(
    page: Page,
    page_log: PageLog,
    log_in: Callable[..., None],
    agency_a: Agency,
    agency_b: Agency,
) -> None:
    factories.department(agency_a, name="甲局监察处")
    other = factories.department(agency_b, name="乙局计划科")
    factories.officer(agency_b, name="乙局李四", cert_no="B0001", dept=other)
    admin_a = factories.registry_admin("admin_a", agency_a)

    log_in(admin_a.username)
    page.goto("/admin/")
    assert page.locator("#site-name").inner_text() == "三项制度平台 · 管理后台"
    page.get_by_role("link", name="内设机构").first.click()
    page.wait_for_url("**/admin/registry/department/")
    assert _listed(page) == ["甲局监察处"]

    page.get_by_role("link", name="增加 内设机构").click()
    page.get_by_label("名称").fill("甲局法制科")
    page.get_by_label("机构类别").select_option(DepartmentKind.LEGAL.value)
    page.get_by_label("职责").fill("负责重大执法决定法制审核。")
    page.get_by_label("联系电话").fill("027-12345678")
    with page.expect_navigation():
        page.locator("input[name=_save]").click()

    page.wait_for_url("**/admin/registry/department/")
    assert "甲局法制科" in page.locator(".messagelist").inner_text()
    assert sorted(_listed(page)) == ["甲局法制科", "甲局监察处"]
    saved = Department.objects.get(name="甲局法制科")
    assert saved.agency == agency_a and saved.kind == DepartmentKind.LEGAL
    created = LedgerEntry.objects.filter(kind="registry.department.created")
    assert list(created.values_list("agency_id", "actor_id")) == [(agency_a.pk, admin_a.pk)]
    assert not Department.objects.filter(agency=agency_b).exclude(pk=other.pk).exists()

    # Another agency's rows are absent everywhere: the officers list, the department choices of
    # a new officer, and the other department's own page (the admin treats it as missing).
    page.goto("/admin/registry/officer/")
    assert "乙局李四" not in page.locator("#content").inner_text()
    page.goto("/admin/registry/officer/add/")
    choices = page.get_by_label("所属机构").locator("option:not([value=''])").all_inner_texts()
    assert sorted(choices) == ["甲局法制科", "甲局监察处"]
    page.goto(f"/admin/registry/department/{other.pk}/change/")
    assert page.url.endswith("/admin/")
    assert "乙局计划科" not in page.content()

    assert page_log.failed_responses == []
    assert page_log.errors == []


def _listed(page: Page) -> list[str]:
    """The names in the first column of the admin change list."""
    return page.locator("#result_list tbody tr th a").all_inner_texts()


def test_admin_form_choices_are_all_chinese(
    page: Page, log_in: Callable[..., None], agency_a: Agency
) -> None:
    factories.department(agency_a, name="甲局监察处")
    log_in(factories.registry_admin("admin_a", agency_a).username)
    page.goto("/admin/registry/officer/add/")
    empty = page.get_by_label("所属机构").locator("option[value='']").inner_text()
    assert not re.search(r"[A-Za-z]", empty), empty
