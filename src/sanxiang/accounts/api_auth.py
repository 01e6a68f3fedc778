"""How API callers authenticate: a per-user bearer token, or the UI's session.

Either way the handler sees ``request.auth`` (and ``request.user``) as the ``User``, whose scope
is their agency and roles — the same :mod:`sanxiang.accounts.scoping` rules as the pages.
Other apps' routers use ``auth=API_AUTH`` and check roles with :func:`require_roles`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from sanxiang.accounts.models import User
from sanxiang.accounts.services import authenticate_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer sx_…`` — a token issued with ``sanxiang token issue``."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = authenticate_token(token=token)
        if user is not None:
            # Selectors and scoping read request.user; a token request has no session user.
            request.user = user
        return user


# Token first: an API client never has a session; the browser UI has no token.
API_AUTH: list[Any] = [TokenAuth(), django_auth]


def api_user(request: HttpRequest) -> User:
    """The authenticated user of an API request (after ``API_AUTH`` has run)."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise HttpError(401, "请先登录或提供有效的接口令牌。")
    return user


def require_roles(request: HttpRequest, *roles: str) -> User:
    """The API counterpart of ``role_required``: 403 for a user without any of ``roles``."""
    user = api_user(request)
    if roles and not user.has_role(*roles):
        raise HttpError(403, "您的角色无权访问此接口。")
    return user
