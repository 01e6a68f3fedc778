"""Accounts and roles: who may create them, the agency/supervisor rule, and the audit trail."""

from __future__ import annotations

from io import StringIO

import pytest
from conftest import make_user
from django.core.management import CommandError, call_command
from django.test import Client

from sanxiang.accounts.choices import AuthEventKind, Role
from sanxiang.accounts.errors import InvalidInput, NotPermitted
from sanxiang.accounts.models import AuthEvent, RoleGrant, User
from sanxiang.accounts.people import (
    change_password,
    create_user,
    deactivate_user,
    grant_role,
    revoke_role,
)
from sanxiang.accounts.services import issue_token
from sanxiang.ledger.models import LedgerEntry
from sanxiang.registry.models import Agency

GOOD_PASSWORD = "Zhifa-2026-审核!"


def test_agency_admin_creates_staff_in_own_agency(agency_a: Agency, agency_b: Agency) -> None:
    admin_a = make_user("admin_a", agency_a, Role.AGENCY_ADMIN)
    user = create_user(
        actor=admin_a,
        username="li_si",
        agency=agency_a,
        password=GOOD_PASSWORD,
        roles=[Role.OFFICER, Role.ARCHIVIST],
        display_name="李四",
    )
    assert user.agency == agency_a
    assert user.role_set() == {Role.OFFICER, Role.ARCHIVIST}
    assert user.check_password(GOOD_PASSWORD)
    kinds = list(AuthEvent.objects.filter(user=user).values_list("kind", flat=True))
    assert sorted(kinds) == sorted(
        [AuthEventKind.USER_CREATED, AuthEventKind.ROLE_GRANTED, AuthEventKind.ROLE_GRANTED]
    )
    # Each of the three changes is in agency A's ledger, none in B's, with the admin as actor.
    entries = LedgerEntry.objects.filter(agency=agency_a)
    assert entries.count() == 3 and {e.actor_id for e in entries} == {admin_a.pk}
    assert not LedgerEntry.objects.filter(agency=agency_b).exists()


def test_agency_admin_cannot_create_in_another_agency(agency_a: Agency, agency_b: Agency) -> None:
    admin_a = make_user("admin_a", agency_a, Role.AGENCY_ADMIN)
    with pytest.raises(NotPermitted):
        create_user(
            actor=admin_a, username="x", agency=agency_b, password=None, roles=[Role.OFFICER]
        )
    assert not User.objects.filter(username="x").exists()
    assert not AuthEvent.objects.exists()


def test_officer_cannot_grant_roles(officer_a: User, agency_a: Agency) -> None:
    colleague = make_user("colleague", agency_a, Role.OFFICER)
    with pytest.raises(NotPermitted):
        grant_role(actor=officer_a, user=colleague, role=Role.LEADER)
    with pytest.raises(NotPermitted):
        grant_role(actor=officer_a, user=officer_a, role=Role.AGENCY_ADMIN)
    assert colleague.role_set() == {Role.OFFICER}
    assert not RoleGrant.objects.filter(role__in=[Role.LEADER, Role.AGENCY_ADMIN]).exists()


def test_supervisor_role_is_agency_less_and_console_only(agency_a: Agency, officer_a: User) -> None:
    admin_a = make_user("admin_a", agency_a, Role.AGENCY_ADMIN)
    with pytest.raises(InvalidInput, match="监督人员"):
        grant_role(actor=None, user=officer_a, role=Role.SUPERVISOR)
    loose = create_user(actor=None, username="sfj_1", agency=None, password=None)
    with pytest.raises(NotPermitted):
        grant_role(actor=admin_a, user=loose, role=Role.SUPERVISOR)
    grant_role(actor=None, user=loose, role=Role.SUPERVISOR)
    assert loose.role_set() == {Role.SUPERVISOR}
    with pytest.raises(InvalidInput, match="须属于某一执法主体"):
        grant_role(actor=None, user=loose, role=Role.OFFICER)


def test_weak_password_and_duplicate_name_are_refused(officer_a: User, agency_a: Agency) -> None:
    with pytest.raises(InvalidInput, match="密码不符合要求"):
        create_user(actor=None, username="weak", agency=agency_a, password="12345678")
    with pytest.raises(InvalidInput, match="已被使用"):
        create_user(actor=None, username="officer_a", agency=agency_a, password=None)
    assert User.objects.count() == 1
    assert not AuthEvent.objects.exists()


def test_revoke_role_takes_effect_and_is_recorded(agency_a: Agency, officer_a: User) -> None:
    admin_a = make_user("admin_a", agency_a, Role.AGENCY_ADMIN)
    revoke_role(actor=admin_a, user=officer_a, role=Role.OFFICER)
    assert User.objects.get(pk=officer_a.pk).role_set() == frozenset()
    assert AuthEvent.objects.filter(kind=AuthEventKind.ROLE_REVOKED, user=officer_a).exists()
    with pytest.raises(InvalidInput):
        revoke_role(actor=admin_a, user=officer_a, role=Role.OFFICER)
    with pytest.raises(InvalidInput, match="未知角色"):
        revoke_role(actor=admin_a, user=officer_a, role="pope")


def test_grant_twice_is_refused(officer_a: User) -> None:
    with pytest.raises(InvalidInput, match="已具有"):
        grant_role(actor=None, user=officer_a, role=Role.OFFICER)
    assert RoleGrant.objects.filter(user=officer_a).count() == 1


def test_cli_create_grant_list_revoke(agency_a: Agency, agency_b: Agency, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", StringIO(GOOD_PASSWORD + "\n"))
    out = StringIO()
    call_command(
        "user", "create", "wang", "--agency", agency_b.slug, "--role", "officer",
        "--name", "王五", "--password-stdin", stdout=out,
    )  # fmt: skip
    wang = User.objects.get(username="wang")
    assert wang.agency == agency_b and wang.check_password(GOOD_PASSWORD)
    call_command("user", "grant", "wang", "leader", stdout=StringIO())
    listing = StringIO()
    call_command("user", "list", "--agency", agency_b.slug, stdout=listing)
    assert "wang" in listing.getvalue() and "leader,officer" in listing.getvalue()
    make_user("admin_a", agency_a, Role.AGENCY_ADMIN)
    with pytest.raises(CommandError, match="无权"):
        call_command("user", "--actor", "admin_a", "revoke", "wang", "leader")
    assert wang.role_set() == {Role.OFFICER, Role.LEADER}
    call_command("user", "revoke", "wang", "leader", stdout=StringIO())
    assert User.objects.get(pk=wang.pk).role_set() == {Role.OFFICER}
    with pytest.raises(CommandError, match="没有执法主体"):
        call_command("user", "create", "x", "--agency", "nowhere", "--no-password")


def test_password_change_page(client: Client, officer_a: User) -> None:
    from conftest import TEST_PASSWORD

    other_session = Client()
    other_session.force_login(officer_a)
    client.force_login(officer_a)
    body = client.get("/accounts/password/").content.decode()
    assert "原密码" in body and "再次输入新密码" in body

    wrong = client.post(
        "/accounts/password/",
        {"old_password": "nope", "new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD},
    )
    assert wrong.status_code == 400
    assert "原密码不正确" in wrong.content.decode()
    assert User.objects.get(pk=officer_a.pk).check_password(TEST_PASSWORD)

    response = client.post(
        "/accounts/password/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": GOOD_PASSWORD,
            "new_password2": GOOD_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert User.objects.get(pk=officer_a.pk).check_password(GOOD_PASSWORD)
    assert AuthEvent.objects.filter(kind=AuthEventKind.PASSWORD_CHANGED, user=officer_a).exists()
    # This session stays; the other device is logged out.
    assert client.get("/accounts/me/").status_code == 200
    assert other_session.get("/accounts/me/").status_code == 302


def test_only_the_user_changes_their_password(officer_a: User, officer_b: User) -> None:
    with pytest.raises(NotPermitted):
        change_password(actor=officer_b, user=officer_a, new_password=GOOD_PASSWORD)
    assert not User.objects.get(pk=officer_a.pk).check_password(GOOD_PASSWORD)


def test_deactivation_ends_sessions_and_tokens(
    client: Client, agency_a: Agency, officer_a: User, officer_b: User
) -> None:
    admin_a = make_user("admin_a", agency_a, Role.AGENCY_ADMIN)
    issued = issue_token(actor=officer_a, user=officer_a, name="x", expires_in_days=5)
    client.force_login(officer_a)
    with pytest.raises(NotPermitted):
        deactivate_user(actor=admin_a, user=officer_b)
    assert User.objects.get(pk=officer_b.pk).is_active
    deactivate_user(actor=admin_a, user=officer_a)
    assert client.get("/accounts/me/").status_code == 302
    api = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {issued.secret}")
    assert api.status_code == 401
    assert AuthEvent.objects.filter(kind=AuthEventKind.USER_DEACTIVATED, user=officer_a).exists()
    with pytest.raises(InvalidInput, match="已经停用"):
        deactivate_user(actor=admin_a, user=officer_a)


def test_cli_deactivate(officer_a: User) -> None:
    call_command("user", "deactivate", "officer_a", stdout=StringIO())
    assert not User.objects.get(pk=officer_a.pk).is_active


def test_console_changes_are_ledgered_without_an_actor(agency_a: Agency) -> None:
    create_user(actor=None, username="zhao", agency=agency_a, password=None, roles=[Role.LEADER])
    actors = set(LedgerEntry.objects.filter(agency=agency_a).values_list("actor_id", flat=True))
    assert actors == {None}
