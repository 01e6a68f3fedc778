"""The "my account" page shows the user's agency and roles."""

from __future__ import annotations

from conftest import make_user
from django.test import Client

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.registry.models import Agency


def test_me_shows_agency_and_roles(client: Client, agency_a: Agency, agency_b: Agency) -> None:
    user = make_user("head_a", agency_a, Role.SECTION_HEAD, Role.LEGAL_REVIEWER)
    client.force_login(user)
    body = client.get("/accounts/me/").content.decode()
    assert agency_a.name in body
    assert agency_b.name not in body
    assert "承办机构负责人" in body and "法制审核人员" in body
    assert "承办人</" not in body
    assert "登录审计</a>" not in body  # only audit readers get the link


def test_supervisor_has_no_agency(client: Client, supervisor: User) -> None:
    client.force_login(supervisor)
    body = client.get("/accounts/me/").content.decode()
    assert "跨机关监督" in body and "监督人员" in body and "登录审计</a>" in body


def test_me_needs_login(client: Client, db: None) -> None:
    response = client.get("/accounts/me/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
