"""Users and their roles, scoped per agency."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from sanxiang.accounts.choices import Role
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
