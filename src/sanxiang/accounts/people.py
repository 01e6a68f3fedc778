"""Writes about people: create an account, grant and withdraw roles (issue 2 §5).

Who may do it: an agency's data administrator (本机关数据管理员) inside their own agency, a
superuser anywhere, or the operator at the server console (``actor=None``, used by
``sanxiang user`` and the demo builder). The supervisor role reads across agencies, so it is
held by accounts with no agency and only a superuser or the console grants it.
Every change is kept in the audit trail (and so in the agency's ledger).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sanxiang.accounts.choices import CROSS_AGENCY_ROLES, AuthEventKind, Role
from sanxiang.accounts.errors import InvalidInput, NotPermitted
from sanxiang.accounts.models import RoleGrant, User
from sanxiang.accounts.services import record_auth_event
from sanxiang.registry.models import Agency

CONSOLE = "服务器控制台"


def _actor_name(actor: User | None) -> str:
    return actor.username if actor is not None else CONSOLE


def _may_administer(actor: User | None, agency: Agency | None, role: str | None) -> bool:
    if actor is None or actor.is_superuser:
        return True
    if role in CROSS_AGENCY_ROLES or agency is None:
        return False
    return actor.agency_id == agency.pk and actor.has_role(Role.AGENCY_ADMIN)


def _check_role_fits(agency: Agency | None, role: str) -> None:
    if role not in Role.values:
        raise InvalidInput(f"未知角色：{role}")
    if role in CROSS_AGENCY_ROLES and agency is not None:
        raise InvalidInput("监督人员跨机关只读，账号不能属于某一执法主体。")
    if role not in CROSS_AGENCY_ROLES and agency is None:
        raise InvalidInput(f"“{Role(role).label}”须属于某一执法主体。")


def create_user(
    *,
    actor: User | None,
    username: str,
    agency: Agency | None,
    password: str | None,
    roles: Sequence[str] = (),
    display_name: str = "",
) -> User:
    """Create an account with its roles; ``password=None`` leaves it unable to log in."""
    username = username.strip()
    if not username:
        raise InvalidInput("请填写用户名。")
    for role in roles:
        _check_role_fits(agency, role)
        if not _may_administer(actor, agency, role):
            raise NotPermitted("您无权在该执法主体创建此角色的账号。")
    if not roles and not _may_administer(actor, agency, None):
        raise NotPermitted("您无权在该执法主体创建账号。")
    candidate = User(username=username, agency=agency, display_name=display_name)
    if password is not None:
        try:
            validate_password(password, user=candidate)
        except ValidationError as exc:
            raise InvalidInput("密码不符合要求：" + " ".join(exc.messages)) from None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=username, password=password, agency=agency, display_name=display_name
            )
            record_auth_event(
                kind=AuthEventKind.USER_CREATED,
                username=username,
                user=user,
                actor=actor,
                detail=f"创建人 {_actor_name(actor)}",
            )
            for role in dict.fromkeys(roles):
                _grant(actor=actor, user=user, role=role)
    except IntegrityError:
        raise InvalidInput(f"用户名 {username} 已被使用。") from None
    return user


def grant_role(*, actor: User | None, user: User, role: str) -> RoleGrant:
    """Give ``user`` a role in their own agency (or the supervisor role, agency-less)."""
    _check_role_fits(user.agency, role)
    if not _may_administer(actor, user.agency, role):
        raise NotPermitted("您无权授予该角色。")
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if RoleGrant.objects.filter(user=user, role=role).exists():
            raise InvalidInput(f"{user.username} 已具有“{Role(role).label}”角色。")
        grant = _grant(actor=actor, user=user, role=role)
    return grant


def _grant(*, actor: User | None, user: User, role: str) -> RoleGrant:
    grant = RoleGrant.objects.create(user=user, role=role)
    user.__dict__.pop("_role_cache", None)
    record_auth_event(
        kind=AuthEventKind.ROLE_GRANTED,
        username=user.username,
        user=user,
        actor=actor,
        detail=f"角色 {Role(role).label}，授予人 {_actor_name(actor)}",
    )
    return grant


def revoke_role(*, actor: User | None, user: User, role: str) -> None:
    """Withdraw a role; it takes effect on the user's next request (roles are read per request)."""
    if role not in Role.values:
        raise InvalidInput(f"未知角色：{role}")
    if not _may_administer(actor, user.agency, role):
        raise NotPermitted("您无权撤销该角色。")
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        deleted, _ = RoleGrant.objects.filter(user=user, role=role).delete()
        if not deleted:
            raise InvalidInput(f"{user.username} 没有“{Role(role).label}”角色。")
        user.__dict__.pop("_role_cache", None)
        record_auth_event(
            kind=AuthEventKind.ROLE_REVOKED,
            username=user.username,
            user=user,
            actor=actor,
            detail=f"角色 {Role(role).label}，撤销人 {_actor_name(actor)}",
        )


def change_password(*, actor: User, user: User, new_password: str) -> None:
    """Set a new password (already validated by the form); only the user themselves may.

    Other sessions of the user end at their next request: Django keys the session to the
    password hash, and the caller keeps only the current session alive.
    """
    if actor.pk != user.pk:
        raise NotPermitted("只能修改本人的密码。")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.set_password(new_password)
        locked.save(update_fields=["password"])
        user.password = locked.password
        record_auth_event(
            kind=AuthEventKind.PASSWORD_CHANGED, username=user.username, user=user, actor=actor
        )


def deactivate_user(*, actor: User | None, user: User) -> None:
    """停用账号: the account can no longer log in, and its sessions and API tokens stop working.

    Nothing is deleted: the account is named by records, the ledger and the audit trail.
    """
    role = Role.SUPERVISOR if user.has_role(Role.SUPERVISOR) else None
    if not _may_administer(actor, user.agency, role):
        raise NotPermitted("您无权停用该账号。")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if not locked.is_active:
            raise InvalidInput(f"账号 {user.username} 已经停用。")
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        user.is_active = False
        record_auth_event(
            kind=AuthEventKind.USER_DEACTIVATED,
            username=user.username,
            user=user,
            actor=actor,
            detail=f"停用人 {_actor_name(actor)}",
        )
