"""Template helpers of the archive pages: role labels and role checks for links."""

from __future__ import annotations

from typing import Any

from django import template

from sanxiang.accounts.choices import Role

register = template.Library()


@register.filter
def role_label(value: str) -> str:
    """The Chinese label of a role value (``head`` → 主要负责人)."""
    try:
        return str(Role(value).label)
    except ValueError:
        return value


@register.filter
def has_any_role(user: Any, roles: str) -> bool:
    """``user|has_any_role:"archivist,leader"`` — so a link is offered only where it opens."""
    check = getattr(user, "has_role", None)
    return bool(check and check(*roles.split(",")))
