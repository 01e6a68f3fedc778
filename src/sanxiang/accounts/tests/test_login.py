"""Logging in and out in Chinese, the audit trail of each attempt, and throttling (django-axes)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import TEST_PASSWORD
from django.conf import settings
from django.test import Client

from sanxiang.accounts.choices import AuthEventKind
from sanxiang.accounts.models import AuthEvent, User
from sanxiang.registry.models import Agency

LOGIN = "/accounts/login/"
BROWSER = "Mozilla/5.0 (测试浏览器)"


def _post_login(client: Client, username: str, password: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, HTTP_USER_AGENT=BROWSER)


def test_login_page_is_chinese(client: Client, db: None) -> None:
    body = client.get(LOGIN).content.decode()
    assert "工作人员登录" in body
    assert "用户名" in body and "密码" in body


def test_bad_password_shows_a_chinese_error_and_is_recorded(
    client: Client, officer_a: User, officer_b: User
) -> None:
    response = client.post(LOGIN, {"username": "officer_a", "password": "wrong"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "用户名或密码不正确" in body
    assert "Please enter" not in body
    event = AuthEvent.objects.get()
    assert event.kind == AuthEventKind.LOGIN_FAILED
    assert event.username == "officer_a"
    # A failure against a real account is filed under that account's agency.
    assert event.user == officer_a
    assert event.agency == officer_a.agency
    assert event.ip_address == "127.0.0.1"
    assert "_auth_user_id" not in client.session


def test_unknown_username_is_recorded_as_typed_without_agency(client: Client, db: None) -> None:
    client.post(LOGIN, {"username": "无此人", "password": "x"})
    event = AuthEvent.objects.get()
    assert (event.kind, event.username, event.user, event.agency) == (
        AuthEventKind.LOGIN_FAILED,
        "无此人",
        None,
        None,
    )


def test_empty_form_errors_are_chinese(client: Client, db: None) -> None:
    body = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    assert "请输入用户名" in body
    assert "请输入密码" in body
    assert "This field is required" not in body


def test_successful_login_and_logout_are_recorded(
    client: Client, officer_a: User, agency_b: Agency
) -> None:
    response = _post_login(client, "officer_a", TEST_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer_a.pk)
    login = AuthEvent.objects.get()
    assert login.kind == AuthEventKind.LOGIN
    assert login.user == officer_a
    assert login.agency == officer_a.agency
    assert login.user_agent == BROWSER

    response = client.post("/accounts/logout/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 302
    kinds = list(AuthEvent.objects.order_by("id").values_list("kind", "user_id"))
    assert kinds == [
        (AuthEventKind.LOGIN, officer_a.pk),
        (AuthEventKind.LOGOUT, officer_a.pk),
    ]


def test_anonymous_logout_records_nothing(client: Client, db: None) -> None:
    client.post("/accounts/logout/")
    assert not AuthEvent.objects.exists()


def test_nth_failure_locks_with_a_chinese_message(client: Client, officer_a: User) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        response = _post_login(client, "officer_a", "wrong")
        assert response.status_code == 200
    locked = _post_login(client, "officer_a", "wrong")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "登录已暂时锁定" in body
    assert f"达到 {limit} 次" in body
    assert "锁定时长：0:30:00" in body

    # Now even the right password is refused, and the refusal is recorded.
    refused = _post_login(client, "officer_a", TEST_PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    kinds = list(AuthEvent.objects.order_by("id").values_list("kind", flat=True))
    assert kinds.count(AuthEventKind.LOGIN) == 0
    assert kinds.count(AuthEventKind.LOCKED_OUT) >= 2
    assert kinds.count(AuthEventKind.LOGIN_FAILED) >= limit
    assert AuthEvent.objects.filter(kind=AuthEventKind.LOCKED_OUT, user=officer_a).exists()


def test_lock_is_per_username_and_ip_not_per_office(
    client: Client, officer_a: User, agency_a: Agency
) -> None:
    """Colleagues behind the same intranet IP keep logging in while one account is locked."""
    from conftest import make_user

    make_user("colleague_a", agency_a)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, "officer_a", "wrong")
    response = _post_login(client, "colleague_a", TEST_PASSWORD)
    assert response.status_code == 302


@pytest.mark.parametrize("next_url", ["/accounts/me/"])
def test_login_redirects_to_next(client: Client, officer_a: User, next_url: str) -> None:
    response = client.post(
        LOGIN, {"username": "officer_a", "password": TEST_PASSWORD, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == next_url


def test_login_refuses_an_off_site_next(client: Client, officer_a: User) -> None:
    response = client.post(
        LOGIN,
        {"username": "officer_a", "password": TEST_PASSWORD, "next": "https://evil.example/x"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_login_rotates_the_session_key(client: Client, officer_a: User) -> None:
    client.get(LOGIN)
    session = client.session
    session["probe"] = "before"
    session.save()
    before = client.session.session_key
    client.post(LOGIN, {"username": "officer_a", "password": TEST_PASSWORD})
    assert client.session.session_key != before


def test_logout_needs_post(client: Client, officer_a: User) -> None:
    client.force_login(officer_a)
    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session
