"""Writes to the registry: each use case one transaction, checked, and ledgered.

Only an agency's own data administrator (``Role.AGENCY_ADMIN``) maintains its registry; a superuser
(the platform operator, or the demo builder's system actor) may maintain any agency and is the only
one who adds agencies. Nothing is deleted: a row that no longer applies is deactivated, and the
ledger keeps what it said (DESIGN.md: nothing is hard-deleted).
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in
from sanxiang.core.errors import SanxiangError
from sanxiang.registry.models import Agency, AgencyOwned

# Fields the generic services set themselves; a caller may not pass them.
_MANAGED_FIELDS = frozenset({"id", "agency", "is_active", "created_at", "updated_at"})
# The slug names the agency's policy pack (DESIGN.md), so it never changes once created.
_AGENCY_IMMUTABLE_FIELDS = frozenset({"id", "slug", "updated_at"})


class RegistryPermissionDenied(PermissionDenied):
    """Refused write; ``message`` is shown to the user."""

    def __init__(self, message: str = "您无权维护该执法主体的信息。") -> None:
        super().__init__(message)
        self.message = message


def may_maintain(actor: User, agency: Agency) -> bool:
    """Whether ``actor`` may write ``agency``'s registry rows."""
    return bool(actor.is_active and actor.is_superuser) or can_write_in(
        actor, agency, Role.AGENCY_ADMIN
    )


def _require_maintainer(actor: User, agency: Agency) -> None:
    if not may_maintain(actor, agency):
        raise RegistryPermissionDenied()


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _snapshot(obj: models.Model) -> dict[str, Any]:
    """The row as the ledger keeps it: every concrete field, foreign keys as ids."""
    return {
        field.attname: _jsonable(getattr(obj, field.attname))
        for field in obj._meta.concrete_fields
        if field.name not in {"created_at", "updated_at"}
    }


def _subject(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def _ledger(
    *, agency: Agency, kind: str, obj: models.Model, actor: User, payload: dict[str, Any]
) -> None:
    # Imported here so the registry (which every app imports for ``Agency``) does not import the
    # ledger at module load; the entry is written inside the caller's transaction.
    from sanxiang.ledger.services import append

    append(agency=agency, kind=kind, subject=_subject(obj), actor=actor, payload=payload)


def _event(obj: models.Model, verb: str) -> str:
    return f"registry.{obj._meta.model_name}.{verb}"


def _check_fields(
    model: type[models.Model], fields: dict[str, Any], managed: frozenset[str]
) -> None:
    known = {f.name for f in model._meta.concrete_fields} | {
        f.attname for f in model._meta.concrete_fields
    }
    unknown = sorted(set(fields) - known)
    forbidden = sorted(set(fields) & managed)
    if unknown or forbidden:
        raise SanxiangError(
            "字段不可设置：" + "、".join(unknown + forbidden),
            log_message=f"{model.__name__}: cannot set {unknown + forbidden}",
        )


# --- agencies -------------------------------------------------------------------------------


@transaction.atomic
def do_create_agency(*, actor: User, slug: str, name: str, **info: Any) -> Agency:
    """Add an enforcement subject to the platform (superusers only; a new agency also needs a
    policy pack named by ``slug``)."""
    if not (actor.is_active and actor.is_superuser):
        raise RegistryPermissionDenied("只有平台管理员可以新增执法主体。")
    _check_fields(Agency, info, _AGENCY_IMMUTABLE_FIELDS)
    agency = Agency(slug=slug, name=name, **info)
    agency.full_clean()
    agency.save()
    _ledger(
        agency=agency,
        kind="registry.agency.created",
        obj=agency,
        actor=actor,
        payload=_snapshot(agency),
    )
    return agency


@transaction.atomic
def do_update_agency_info(*, actor: User, agency: Agency, **changes: Any) -> Agency:
    """Change an agency's public basic info (名称、职能、人员编制 …); the slug never changes."""
    _require_maintainer(actor, agency)
    _check_fields(Agency, changes, _AGENCY_IMMUTABLE_FIELDS)
    locked = Agency.objects.select_for_update().get(pk=agency.pk)
    diff = _apply(locked, changes)
    if diff:
        locked.full_clean()
        locked.save(update_fields=[*diff, "updated_at"])
        _ledger(
            agency=locked,
            kind="registry.agency.updated",
            obj=locked,
            actor=actor,
            payload={"changes": diff},
        )
    return locked


# --- rows owned by an agency ----------------------------------------------------------------


@transaction.atomic
def create_registry_object[M: AgencyOwned](
    *, actor: User, agency: Agency, model: type[M], **fields: Any
) -> M:
    """Create a department, officer, item, … of ``agency`` and ledger it."""
    _require_maintainer(actor, agency)
    _check_fields(model, fields, _MANAGED_FIELDS)
    obj = model(agency=agency, **fields)
    # full_clean runs AgencyOwned.clean, which refuses a department or item of another agency.
    obj.full_clean()
    obj.save()
    _ledger(
        agency=agency, kind=_event(obj, "created"), obj=obj, actor=actor, payload=_snapshot(obj)
    )
    return obj


@transaction.atomic
def update_registry_object[M: AgencyOwned](*, actor: User, obj: M, **changes: Any) -> M:
    """Change fields of a registry row; the ledger entry records old and new values."""
    agency = obj.agency
    _require_maintainer(actor, agency)
    _check_fields(type(obj), changes, _MANAGED_FIELDS)
    locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk, agency=agency)
    diff = _apply(locked, changes)
    if diff:
        locked.full_clean()
        locked.save(update_fields=[*diff, "updated_at"])
        _ledger(
            agency=agency,
            kind=_event(locked, "updated"),
            obj=locked,
            actor=actor,
            payload={"changes": diff},
        )
    return locked


def deactivate_registry_object[M: AgencyOwned](*, actor: User, obj: M, reason: str = "") -> M:
    """Take a row out of use (an officer who left, an item abolished); it is never deleted."""
    return _set_active(actor=actor, obj=obj, active=False, reason=reason)


def reactivate_registry_object[M: AgencyOwned](*, actor: User, obj: M, reason: str = "") -> M:
    """Put a deactivated row back into use."""
    return _set_active(actor=actor, obj=obj, active=True, reason=reason)


@transaction.atomic
def _set_active[M: AgencyOwned](*, actor: User, obj: M, active: bool, reason: str) -> M:
    agency = obj.agency
    _require_maintainer(actor, agency)
    locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk, agency=agency)
    if locked.is_active != active:
        locked.is_active = active
        locked.save(update_fields=["is_active", "updated_at"])
        _ledger(
            agency=agency,
            kind=_event(locked, "reactivated" if active else "deactivated"),
            obj=locked,
            actor=actor,
            payload={"reason": reason},
        )
    return locked


def _apply(obj: models.Model, changes: dict[str, Any]) -> dict[str, list[Any]]:
    """Set ``changes`` on ``obj``; return ``{attname: [old, new]}`` for the fields that changed."""
    diff: dict[str, list[Any]] = {}
    for name, new in changes.items():
        field = obj._meta.get_field(name)
        attname = field.attname  # type: ignore[union-attr]
        old = getattr(obj, attname)
        setattr(obj, name, new)
        current = getattr(obj, attname)
        if current != old:
            diff[attname] = [_jsonable(old), _jsonable(current)]
    return diff


# --- admin access -----------------------------------------------------------------------------

_ADMIN_ROLES = frozenset({Role.AGENCY_ADMIN, Role.SUPERVISOR})


@transaction.atomic
def grant_registry_admin(user: User) -> User:
    """Let an agency data administrator (or a supervisor, read-only) into the admin site.

    Django admin needs ``is_staff``; what the user may see and change there comes from the role,
    not from Django model permissions (``registry.admin.AgencyScopedAdmin`` asks the role), so a
    role granted or withdrawn takes effect at once. The demo builder calls this for its users.
    """
    if not user.has_role(*_ADMIN_ROLES):
        raise SanxiangError(
            "只有本机关数据管理员或监督人员可以进入管理后台。",
            log_message=f"user {user.pk} holds no admin role",
        )
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not locked.is_staff:
        locked.is_staff = True
        locked.save(update_fields=["is_staff"])
    user.is_staff = True
    return locked
