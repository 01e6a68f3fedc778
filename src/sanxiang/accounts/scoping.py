"""Who may see and do what: the one place that turns a user into an agency scope.

Selectors everywhere take the result of :func:`agency_scope` and filter by it, so another
agency's object is simply absent (a 404), never a 403 that confirms it exists.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from sanxiang.accounts.choices import CROSS_AGENCY_ROLES, Role
from sanxiang.accounts.models import User
from sanxiang.registry.models import Agency


def agency_scope(user: User) -> list[int] | None:
    """Agency ids the user may read; ``None`` means every agency (supervisors, read-only)."""
    if not user.is_authenticated:
        return []
    if user.has_role(*CROSS_AGENCY_ROLES):
        return None
    return [user.agency_id] if user.agency_id else []


def can_write_in(user: User, agency: Agency, *roles: Role) -> bool:
    """Writes happen only inside the user's own agency and only with one of ``roles``."""
    return (
        user.is_authenticated
        and user.agency_id == agency.pk
        and (not roles or user.has_role(*roles))
    )


V = TypeVar("V", bound=Callable[..., HttpResponse])


def role_required(*roles: Role) -> Callable[[V], V]:
    """View decorator: anonymous users go to the login page, users without a role get 403."""

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            assert isinstance(user, User)
            if roles and not user.has_role(*roles):
                raise PermissionDenied("您的角色无权访问此页面。")
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
