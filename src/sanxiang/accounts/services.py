"""Writes of the accounts app: the login audit trail and API tokens.

Every function takes keyword-only arguments and an explicit acting user (for login events the
"actor" is the person logging in, who may be unknown) and runs in one transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from sanxiang.accounts import tokens
from sanxiang.accounts.choices import AuthEventKind, Role
from sanxiang.accounts.errors import InvalidInput, NotPermitted
from sanxiang.accounts.models import ApiToken, AuthEvent, User
from sanxiang.core.errors import NotInScope
from sanxiang.ledger.services import append

log = logging.getLogger(__name__)

MAX_TOKEN_DAYS = 366
USERNAME_MAX = 150
USER_AGENT_MAX = 300
# Writing ``last_used_at`` on every API call would turn each read into a write; a minute's
# precision is enough to tell a live token from a forgotten one.
LAST_USED_PRECISION = timedelta(minutes=1)

# Kinds where the typed username may name an existing account we should attach the event to.
_KINDS_RESOLVING_USERNAME = {AuthEventKind.LOGIN_FAILED, AuthEventKind.LOCKED_OUT}
# Kinds the user does themselves; for the others a missing actor means the server console
# (or, for a failed login, someone unknown) and the ledger entry names nobody.
_KINDS_ACTED_BY_THE_USER = {AuthEventKind.LOGIN, AuthEventKind.LOGOUT}


def record_auth_event(
    *,
    kind: AuthEventKind,
    username: str,
    user: User | None = None,
    actor: User | None = None,
    ip_address: str | None = None,
    user_agent: str = "",
    detail: str = "",
    at: datetime | None = None,
) -> AuthEvent:
    """Append one entry to the login audit trail (issue 2 §6: "every login, failed login and
    logout kept in an audit trail the supervisor can read").

    ``user`` is whom the event is about; ``actor`` who did it (the issuer of a token, the
    administrator granting a role; ``None`` for the server console). A login or logout is done
    by the user; a failed login has no known actor, even when the name is a real account.
    """
    username = (username or "")[:USERNAME_MAX]
    with transaction.atomic():
        if user is None and username and kind in _KINDS_RESOLVING_USERNAME:
            # A failed login against a real account belongs to that account's agency, so its
            # administrator sees attempts on their staff; unknown names stay agency-less.
            user = User.objects.filter(username=username).first()
        event = AuthEvent.objects.create(
            at=at or timezone.now(),
            kind=kind,
            username=username,
            user=user,
            agency_id=user.agency_id if user is not None else None,
            ip_address=ip_address or None,
            user_agent=(user_agent or "")[:USER_AGENT_MAX],
            detail=detail[:200],
        )
        if event.agency_id is not None:
            if actor is None and kind in _KINDS_ACTED_BY_THE_USER:
                actor = user
            _ledger_auth_event(event, actor=actor)
    log.info("auth event %s username=%r ip=%s", kind, username, ip_address)
    return event


def _ledger_auth_event(event: AuthEvent, *, actor: User | None) -> None:
    """Put an agency user's auth event in that agency's ledger, in the same transaction.

    The ledger is per agency, so events with no agency (unknown names, supervisors) stay in the
    audit table only. The payload names the audit row, so the row and the entry vouch for each
    other and ``sanxiang ledger verify`` covers the trail of the agency's own staff.
    """
    assert event.agency is not None
    append(
        agency=event.agency,
        kind=f"accounts.{event.kind}",
        subject=f"accounts.authevent:{event.pk}",
        actor=actor,
        payload={
            "event_id": event.pk,
            "kind": event.kind,
            "username": event.username,
            "user_id": event.user_id,
            "ip_address": event.ip_address,
            "detail": event.detail,
        },
    )


@dataclass(frozen=True)
class IssuedToken:
    """A new token row and its secret, which exists only here and is shown exactly once."""

    token: ApiToken
    secret: str


def _may_manage_tokens_of(actor: User, user: User) -> bool:
    if actor.pk == user.pk or actor.is_superuser:
        return True
    # An agency's data administrator looks after the accounts of their own agency only.
    return (
        actor.agency_id is not None
        and actor.agency_id == user.agency_id
        and actor.has_role(Role.AGENCY_ADMIN)
    )


def issue_token(*, actor: User, user: User, name: str, expires_in_days: int) -> IssuedToken:
    """Issue an API token for ``user``; the token acts with the user's agency and roles."""
    name = name.strip()
    if not name:
        raise InvalidInput("请填写令牌用途。")
    if len(name) > 100:
        raise InvalidInput("令牌用途不能超过100个字。")
    if not 1 <= expires_in_days <= MAX_TOKEN_DAYS:
        raise InvalidInput(f"有效期应为1至{MAX_TOKEN_DAYS}天。")
    if not _may_manage_tokens_of(actor, user):
        raise NotPermitted("您无权为其他用户签发接口令牌。")
    if not user.is_active:
        raise InvalidInput("该账号已停用，不能签发接口令牌。")
    parts = tokens.new_token()
    now = timezone.now()
    with transaction.atomic():
        row = ApiToken.objects.create(
            user=user,
            agency_id=user.agency_id,
            name=name,
            prefix=parts.prefix,
            secret_hash=tokens.hash_token(parts.token),
            created_at=now,
            created_by=actor,
            expires_at=now + timedelta(days=expires_in_days),
        )
        record_auth_event(
            kind=AuthEventKind.TOKEN_ISSUED,
            username=user.username,
            user=user,
            actor=actor,
            detail=f"令牌 {row.prefix}（{name}），签发人 {actor.username}",
            at=now,
        )
    return IssuedToken(token=row, secret=parts.token)


def revoke_token(*, actor: User, token_id: int) -> ApiToken:
    """Revoke a token: its owner, an administrator of the owner's agency, or a superuser may."""
    now = timezone.now()
    with transaction.atomic():
        row = (
            ApiToken.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=token_id)
            .first()
        )
        # Someone else's token looks absent, as another agency's rows do (STYLE.md §3).
        if row is None or not _may_manage_tokens_of(actor, row.user):
            raise NotInScope("没有找到该令牌。")
        if row.revoked_at is not None:
            raise InvalidInput("该令牌已经吊销。")
        row.revoked_at = now
        row.revoked_by = actor
        row.save(update_fields=["revoked_at", "revoked_by"])
        record_auth_event(
            kind=AuthEventKind.TOKEN_REVOKED,
            username=row.user.username,
            user=row.user,
            actor=actor,
            detail=f"令牌 {row.prefix}（{row.name}），吊销人 {actor.username}",
            at=now,
        )
    return row


def authenticate_token(*, token: str, at: datetime | None = None) -> User | None:
    """The active user a bearer token stands for, or ``None``; notes when it was last used."""
    prefix = tokens.split_prefix(token)
    if prefix is None:
        return None
    now = at or timezone.now()
    row = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if row is None or not tokens.token_matches(token, row.secret_hash):
        return None
    user = row.user
    if not row.is_usable(now) or not user.is_active:
        return None
    # A token carries the scope of the agency it was issued in; after a transfer the user
    # needs a new one, so an old client cannot read the new agency's rows.
    if row.agency_id != user.agency_id:
        return None
    # One conditional UPDATE, no lock: concurrent requests may both skip or both write, and
    # either way the stored time is within the precision we promise.
    ApiToken.objects.filter(pk=row.pk).exclude(last_used_at__gt=now - LAST_USED_PRECISION).update(
        last_used_at=now
    )
    return user
