"""Reads of the accounts app, always scoped to what the reading user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import ApiToken, AuthEvent, User
from sanxiang.registry.models import Agency

# Who may read the login audit trail: the supervisor across agencies, an agency's data
# administrator for their own agency (issue 2 §6).
AUDIT_READER_ROLES = (Role.SUPERVISOR, Role.AGENCY_ADMIN)


def auth_events_visible_to(user: User) -> QuerySet[AuthEvent]:
    events = AuthEvent.objects.select_related("user", "agency")
    if not user.is_authenticated:
        return events.none()
    if user.has_role(Role.SUPERVISOR):
        return events
    if user.has_role(Role.AGENCY_ADMIN) and user.agency_id is not None:
        return events.filter(agency_id=user.agency_id)
    return events.none()


@dataclass(frozen=True)
class AuthEventFilter:
    agency: Agency | None = None
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _day_start(day: date) -> datetime:
    # Days are Beijing days: "events of 11 Nov" means 00:00–24:00 Asia/Shanghai.
    return timezone.make_aware(datetime.combine(day, time.min))


def filter_auth_events(events: QuerySet[AuthEvent], spec: AuthEventFilter) -> QuerySet[AuthEvent]:
    if spec.agency is not None:
        events = events.filter(agency=spec.agency)
    if spec.kind:
        events = events.filter(kind=spec.kind)
    if spec.date_from is not None:
        events = events.filter(at__gte=_day_start(spec.date_from))
    if spec.date_to is not None:
        events = events.filter(at__lt=_day_start(spec.date_to + timedelta(days=1)))
    return events


def agencies_for_audit_filter(user: User) -> QuerySet[Agency]:
    if user.has_role(Role.SUPERVISOR):
        return Agency.objects.order_by("id")
    return Agency.objects.filter(users=user).order_by("id")


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """A user's own tokens, newest first (the token page shows nobody else's)."""
    return ApiToken.objects.filter(user=user).select_related("created_by", "revoked_by")


def tokens_manageable_by(actor: User) -> QuerySet[ApiToken]:
    """Tokens ``actor`` may revoke: their own, or their agency's if they administer it."""
    tokens = ApiToken.objects.select_related("user")
    if actor.is_superuser:
        return tokens
    if actor.has_role(Role.AGENCY_ADMIN) and actor.agency_id is not None:
        return tokens.filter(user__agency_id=actor.agency_id)
    return tokens.filter(user=actor)


def recent_events_of(user: User, limit: int = 10) -> QuerySet[AuthEvent]:
    """The user's own latest sign-ins and sign-outs, for the "my account" page."""
    return AuthEvent.objects.filter(user=user).order_by("-at", "-id")[:limit]
