"""Users and their roles, scoped per agency."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from sanxiang.accounts.choices import AuthEventKind, Role
from sanxiang.registry.models import Agency


class User(AbstractUser):
    """A person who logs in. Staff belong to exactly one agency; supervisors to none."""

    agency = models.ForeignKey(
        Agency,
        verbose_name="所属执法主体",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    display_name = models.CharField("姓名", max_length=50, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username

    def role_set(self) -> frozenset[str]:
        """The user's roles, cached on the instance for the request."""
        cached: frozenset[str] | None = getattr(self, "_role_cache", None)
        if cached is None:
            cached = frozenset(self.role_grants.values_list("role", flat=True))
            self._role_cache = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set() & set(roles))


class RoleGrant(models.Model):
    """One role held by one user (in the user's agency)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField("授予时间", auto_now_add=True)

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_role_grant")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


# ---------------------------------------------------------------------------------------------
# Security: the login audit trail and API tokens (issue 2 §6). Written only through
# ``sanxiang.accounts.services``.


class AppendOnlyQuerySet(models.QuerySet["AuthEvent"]):
    """Bulk ``update()``/``delete()`` are refused: the audit trail is append-only."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("登录审计记录只能追加，不能修改。")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("登录审计记录只能追加，不能删除。")


class AppendOnlyError(Exception):
    """An attempt to change or remove an audit row."""


class AuthEvent(models.Model):
    """登录审计 — one login, failed login, logout or lock-out, kept for the supervisor.

    ``username`` is what was typed (a failed login may name nobody); ``user`` and ``agency``
    are filled when the name matches an account, so an agency administrator sees attempts
    against their own staff and the supervisor sees everything.
    """

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    kind = models.CharField("事件", max_length=20, choices=AuthEventKind.choices)
    username = models.CharField("输入的用户名", max_length=150, blank=True)
    user = models.ForeignKey(
        User,
        verbose_name="用户",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="auth_events",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="所属执法主体",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="auth_events",
    )
    ip_address = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    user_agent = models.CharField("浏览器标识", max_length=300, blank=True)
    detail = models.CharField("说明", max_length=200, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "登录审计记录"
        verbose_name_plural = "登录审计记录"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["agency", "at"], name="authevent_agency_at"),
            models.Index(fields=["kind", "at"], name="authevent_kind_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("登录审计记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("登录审计记录只能追加，不能删除。")


class ApiToken(models.Model):
    """接口令牌 — a per-user bearer token for API clients.

    Only the SHA-256 of the token is stored; the token itself is shown once when issued.
    ``prefix`` (public, unique) finds the row without scanning hashes. The token acts with
    the scope of its user — the user's agency and roles at the time of each request — and
    stops working if the user moves to another agency (``agency`` records where it was issued).
    """

    user = models.ForeignKey(
        User, verbose_name="用户", on_delete=models.PROTECT, related_name="api_tokens"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="签发时所属执法主体",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="api_tokens",
    )
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField("前缀", max_length=16, unique=True)
    secret_hash = models.CharField("令牌摘要（SHA-256）", max_length=64)
    created_at = models.DateTimeField("签发时间", default=timezone.now)
    created_by = models.ForeignKey(
        User, verbose_name="签发人", on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField("有效期至")
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        verbose_name="吊销人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, at: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > at
