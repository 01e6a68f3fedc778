"""API tokens: issued once, stored hashed, scoped to their user's agency, revocable."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from conftest import make_user
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from sanxiang.accounts.choices import AuthEventKind, Role
from sanxiang.accounts.errors import InvalidInput, NotPermitted
from sanxiang.accounts.models import ApiToken, AuthEvent, User
from sanxiang.accounts.services import issue_token, revoke_token
from sanxiang.core.errors import NotInScope
from sanxiang.registry.models import Agency


def _me(client: Client, secret: str) -> object:
    return client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_issue_stores_only_the_hash_and_the_token_works(client: Client, officer_a: User) -> None:
    issued = issue_token(actor=officer_a, user=officer_a, name="数据对接", expires_in_days=30)
    row = ApiToken.objects.get()
    assert row.secret_hash == hashlib.sha256(issued.secret.encode()).hexdigest()
    assert issued.secret not in {row.prefix, row.name, row.secret_hash}
    assert issued.secret.startswith(f"sx_{row.prefix}_")
    assert row.agency == officer_a.agency

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {issued.secret}")
    assert response.status_code == 200
    assert response.json() == {
        "username": "officer_a",
        "display_name": "",
        "agency": "wuhan-rsj",
        "agency_name": "武汉市人力资源和社会保障局",
        "roles": ["officer"],
    }
    row.refresh_from_db()
    assert row.last_used_at is not None
    assert AuthEvent.objects.filter(kind=AuthEventKind.TOKEN_ISSUED, user=officer_a).exists()


@pytest.mark.parametrize(
    "header",
    ["", "Bearer ", "Bearer nonsense", "Bearer sx_000000000000_x", "Basic b2ZmaWNlcl9hOnB3"],
)
def test_api_refuses_without_a_valid_token(client: Client, officer_a: User, header: str) -> None:
    issue_token(actor=officer_a, user=officer_a, name="x", expires_in_days=1)
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    assert client.get("/api/v1/me", **extra).status_code == 401


def test_tampered_secret_with_real_prefix_is_refused(client: Client, officer_a: User) -> None:
    issued = issue_token(actor=officer_a, user=officer_a, name="x", expires_in_days=1)
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {issued.secret}x")
    assert response.status_code == 401


def test_session_works_for_the_ui(client: Client, officer_b: User) -> None:
    client.force_login(officer_b)
    assert client.get("/api/v1/me").json()["agency"] == "liuzhou-kjj"


def test_revoked_and_expired_tokens_stop_working(client: Client, officer_a: User) -> None:
    revoked = issue_token(actor=officer_a, user=officer_a, name="r", expires_in_days=30)
    revoke_token(actor=officer_a, token_id=revoked.token.pk)
    assert _me(client, revoked.secret).status_code == 401  # type: ignore[attr-defined]

    expiring = issue_token(actor=officer_a, user=officer_a, name="e", expires_in_days=1)
    assert _me(client, expiring.secret).status_code == 200  # type: ignore[attr-defined]
    with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
        assert _me(client, expiring.secret).status_code == 401  # type: ignore[attr-defined]


def test_deactivated_or_transferred_user_loses_the_token(
    client: Client, officer_a: User, agency_b: Agency
) -> None:
    issued = issue_token(actor=officer_a, user=officer_a, name="x", expires_in_days=30)
    officer_a.agency = agency_b
    officer_a.save(update_fields=["agency"])
    # A token issued in agency A must not read agency B's rows after a transfer.
    assert _me(client, issued.secret).status_code == 401  # type: ignore[attr-defined]

    other = make_user("other_b", agency_b, Role.OFFICER)
    token = issue_token(actor=other, user=other, name="y", expires_in_days=30)
    other.is_active = False
    other.save(update_fields=["is_active"])
    assert _me(client, token.secret).status_code == 401  # type: ignore[attr-defined]


def test_officer_cannot_issue_for_a_colleague(officer_a: User, agency_a: Agency) -> None:
    colleague = make_user("colleague_a", agency_a, Role.OFFICER)
    with pytest.raises(NotPermitted):
        issue_token(actor=officer_a, user=colleague, name="x", expires_in_days=1)
    assert not ApiToken.objects.exists()


def test_agency_admin_manages_own_agency_only(
    agency_a: Agency, officer_a: User, officer_b: User
) -> None:
    admin_a = make_user("admin_a", agency_a, Role.AGENCY_ADMIN)
    issued = issue_token(actor=admin_a, user=officer_a, name="对接", expires_in_days=10)
    assert issued.token.created_by == admin_a
    with pytest.raises(NotPermitted):
        issue_token(actor=admin_a, user=officer_b, name="x", expires_in_days=1)
    b_token = issue_token(actor=officer_b, user=officer_b, name="b", expires_in_days=1)
    with pytest.raises(NotInScope):
        revoke_token(actor=admin_a, token_id=b_token.token.pk)
    b_token.token.refresh_from_db()
    assert b_token.token.revoked_at is None
    revoke_token(actor=admin_a, token_id=issued.token.pk)
    assert ApiToken.objects.get(pk=issued.token.pk).revoked_by == admin_a


def test_officer_cannot_revoke_another_users_token(officer_a: User, officer_b: User) -> None:
    b_token = issue_token(actor=officer_b, user=officer_b, name="b", expires_in_days=1)
    with pytest.raises(NotInScope):
        revoke_token(actor=officer_a, token_id=b_token.token.pk)
    assert ApiToken.objects.get().revoked_at is None
    assert not AuthEvent.objects.filter(kind=AuthEventKind.TOKEN_REVOKED).exists()


@pytest.mark.parametrize(
    ("name", "days"), [("", 30), ("  ", 30), ("x", 0), ("x", 367), ("x" * 101, 1)]
)
def test_invalid_input_writes_nothing(officer_a: User, name: str, days: int) -> None:
    with pytest.raises(InvalidInput):
        issue_token(actor=officer_a, user=officer_a, name=name, expires_in_days=days)
    assert not ApiToken.objects.exists()
    assert not AuthEvent.objects.exists()


def test_revoking_twice_is_refused(officer_a: User) -> None:
    issued = issue_token(actor=officer_a, user=officer_a, name="x", expires_in_days=1)
    revoke_token(actor=officer_a, token_id=issued.token.pk)
    with pytest.raises(InvalidInput):
        revoke_token(actor=officer_a, token_id=issued.token.pk)


def test_cli_issue_list_revoke(client: Client, officer_a: User, agency_a: Agency) -> None:
    out, err = StringIO(), StringIO()
    call_command(
        "token", "issue", "officer_a", "--name", "夜间同步", "--days", "7", stdout=out, stderr=err
    )
    secret = out.getvalue().strip()
    assert secret.startswith("sx_")
    assert "只显示这一次" in err.getvalue()
    assert _me(client, secret).status_code == 200  # type: ignore[attr-defined]
    prefix = ApiToken.objects.get().prefix

    listing = StringIO()
    call_command("token", "list", "officer_a", stdout=listing)
    assert prefix in listing.getvalue() and "active" in listing.getvalue()

    make_user(
        "officer_b_stranger", Agency.objects.create(slug="x-b", name="别的局"), Role.AGENCY_ADMIN
    )
    with pytest.raises(CommandError):
        call_command("token", "revoke", prefix, "--actor", "officer_b_stranger")
    assert _me(client, secret).status_code == 200  # type: ignore[attr-defined]

    call_command("token", "revoke", prefix, "--actor", "officer_a", stdout=StringIO())
    assert _me(client, secret).status_code == 401  # type: ignore[attr-defined]


def test_cli_unknown_user_fails(db: None) -> None:
    with pytest.raises(CommandError, match="没有用户"):
        call_command("token", "issue", "ghost", "--name", "x")


def test_token_page_creates_shows_once_and_revokes(
    client: Client, officer_a: User, officer_b: User
) -> None:
    other = issue_token(actor=officer_b, user=officer_b, name="B 的令牌", expires_in_days=5)
    client.force_login(officer_a)
    page = client.get("/accounts/tokens/").content.decode()
    assert "我的接口令牌" in page and "B 的令牌" not in page

    created = client.post("/accounts/tokens/", {"name": "报表导出", "expires_in_days": 30})
    assert created.status_code == 200
    assert created["Cache-Control"] == "no-store"
    secret = created.context["issued"].secret
    assert secret in created.content.decode()
    token = ApiToken.objects.get(user=officer_a)
    assert secret not in client.get("/accounts/tokens/").content.decode()

    # Another user's token id is "not found" and stays valid.
    client.post("/accounts/tokens/revoke/", {"token_id": other.token.pk})
    assert ApiToken.objects.get(pk=other.token.pk).revoked_at is None

    response = client.post("/accounts/tokens/revoke/", {"token_id": token.pk}, follow=True)
    assert "已吊销" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_page_rejects_bad_input_in_chinese(client: Client, officer_a: User) -> None:
    client.force_login(officer_a)
    response = client.post("/accounts/tokens/", {"name": "", "expires_in_days": 999})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
    body = response.content.decode()
    assert "这个字段是必填项" in body or "必填" in body
