"""Errors of the accounts app (the Chinese message is what the user sees)."""

from __future__ import annotations

from sanxiang.core.errors import SanxiangError


class NotPermitted(SanxiangError):
    """The acting user may see the object but not do this to it."""

    code = "forbidden"


class InvalidInput(SanxiangError):
    """A value the service cannot accept (empty name, expiry out of range, …)."""

    code = "invalid"
