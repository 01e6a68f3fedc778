"""Logging in through the real Chinese login form, with the session cookie a browser keeps."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

from sanxiang.accounts.choices import AuthEventKind
from sanxiang.accounts.models import AuthEvent, User
from sanxiang.registry.models import Agency

from .conftest import PageLog, submit_login_form

WRONG_PASSWORD = "not-the-password"


def test_wrong_password_is_refused_in_chinese_then_the_right_one_logs_in(
    page: Page, page_log: PageLog, officer_a: User, officer_b: User, agency_a: Agency
) -> None:
    User.objects.filter(pk=officer_a.pk).update(display_name="甲局执法员王芳")
    page.goto("/")
    page.get_by_role("link", name="工作人员登录").click()
    page.wait_for_url("**/accounts/login/")
    assert page.get_by_role("heading", level=1).inner_text() == "工作人员登录"

    submit_login_form(page, officer_a.username, WRONG_PASSWORD)

    assert page.url.endswith("/accounts/login/")
    assert page.locator("p.error").inner_text() == "用户名或密码不正确，请重新输入（区分大小写）。"
    assert page.get_by_role("link", name="工作人员登录").is_visible()
    assert page.context.cookies() == [] or all(
        c["name"] != "sessionid" for c in page.context.cookies()
    )

    submit_login_form(page, officer_a.username, "pw-for-tests-只用于测试")

    assert not page.url.endswith("/accounts/login/")
    who = page.locator("header a.who")
    assert who.inner_text() == f"甲局执法员王芳 · {agency_a.name}"
    # The session holds on the next request: the account page knows who is asking.
    who.click()
    page.wait_for_url("**/accounts/me/")
    account = page.locator("table").first.inner_text()
    assert officer_a.username in account and agency_a.name in account
    assert officer_b.username not in account
    assert "登录失败" in page.locator("section.card").nth(1).inner_text()

    page.get_by_role("button", name="退出登录").click()
    page.get_by_role("link", name="工作人员登录").wait_for()

    kinds = list(
        AuthEvent.objects.filter(username=officer_a.username)
        .order_by("at", "pk")
        .values_list("kind", flat=True)
    )
    assert kinds == [AuthEventKind.LOGIN_FAILED, AuthEventKind.LOGIN, AuthEventKind.LOGOUT]
    assert not AuthEvent.objects.filter(username=officer_b.username).exists()
    assert page_log.failed_responses == []
    assert page_log.errors == []


def test_log_in_fixture_reports_a_refused_login(
    page: Page, log_in: Callable[..., None], officer_a: User
) -> None:
    try:
        log_in(officer_a.username, WRONG_PASSWORD)
    except AssertionError as exc:
        assert "用户名或密码不正确" in str(exc)
    else:
        raise AssertionError("log_in accepted a wrong password")
    log_in(officer_a.username)
    assert page.locator("header a.who").inner_text().startswith(officer_a.username)
