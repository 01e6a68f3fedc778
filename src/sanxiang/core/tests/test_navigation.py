"""The top bar offers exactly the work areas the user's roles open (no link that answers 403)."""

from conftest import make_user
from django.test import Client

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.registry.models import Agency


def _nav(client: Client, user: User) -> str:
    client.force_login(user)
    body = client.get("/").content.decode()
    return body.split("<nav>")[1].split("</nav>")[0]


def test_officer_sees_cases_but_not_review_or_audit(client: Client, officer_a: User) -> None:
    nav = _nav(client, officer_a)
    assert "我的案件" in nav
    assert "法制审核" not in nav
    assert "登录审计" not in nav


def test_reviewer_and_supervisor_see_their_areas(
    client: Client, agency_a: Agency, supervisor: User
) -> None:
    reviewer = make_user("reviewer_a", agency_a, Role.LEGAL_REVIEWER)
    assert "法制审核" in _nav(client, reviewer)
    nav = _nav(client, supervisor)
    assert "法制审核" in nav
    assert "登录审计" in nav


def test_every_offered_link_opens(client: Client, agency_a: Agency, agency_b: Agency) -> None:
    for role in Role:
        user = make_user(f"nav_{role.value}", None if role == Role.SUPERVISOR else agency_a, role)
        client.force_login(user)
        for link in client.get("/").context["staff_nav"]:
            assert client.get(link["url"]).status_code == 200, (role, link)
