"""Hooks from Django's authentication into the login audit trail.

STYLE.md keeps business logic out of signals. Django's login, logout and failed-login events
(and django-axes' lock-out) are *only* offered as signals, so each receiver here does nothing
but read the request and call :func:`sanxiang.accounts.services.record_auth_event`.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from django.contrib.auth import get_user_model
from django.http import HttpRequest

from sanxiang.accounts.choices import AuthEventKind
from sanxiang.accounts.models import User
from sanxiang.accounts.services import record_auth_event


def _client(request: HttpRequest | None) -> tuple[str | None, str]:
    if request is None:
        return None, ""
    # The same address django-axes locks on, so the trail and the lock agree.
    ip = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    return ip, request.META.get("HTTP_USER_AGENT", "")


def on_logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    ip, agent = _client(request)
    record_auth_event(
        kind=AuthEventKind.LOGIN,
        username=user.get_username(),
        user=user,
        ip_address=ip,
        user_agent=agent,
    )


def on_logged_out(
    sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any
) -> None:
    if user is None:  # logging out an anonymous session is not an event
        return
    ip, agent = _client(request)
    record_auth_event(
        kind=AuthEventKind.LOGOUT,
        username=user.get_username(),
        user=user,
        ip_address=ip,
        user_agent=agent,
    )


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    ip, agent = _client(request)
    username = credentials.get(get_user_model().USERNAME_FIELD) or ""
    record_auth_event(
        kind=AuthEventKind.LOGIN_FAILED,
        username=str(username),
        ip_address=ip,
        user_agent=agent,
    )


def on_locked_out(
    sender: Any,
    request: HttpRequest | None = None,
    username: str | None = None,
    ip_address: str | None = None,
    **kwargs: Any,
) -> None:
    _, agent = _client(request)
    record_auth_event(
        kind=AuthEventKind.LOCKED_OUT,
        username=username or "",
        ip_address=ip_address,
        user_agent=agent,
        detail="连续登录失败次数达到上限",
    )
