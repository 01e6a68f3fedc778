"""What every registry row shares: its agency, and deactivation instead of deletion."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


class AgencyOwned(models.Model):
    """A row that belongs to one agency.

    Every table carries ``agency_id`` (DESIGN.md, storage and scale) — child rows too — so that
    scoping is one filter and a provincial platform can shard by agency. Rows are never deleted:
    published information that changes is updated or deactivated, and the ledger keeps the history
    (武汉市科技局公示办法 第八条(七): 基础信息发生变化时及时更新).
    """

    agency = models.ForeignKey(
        "registry.Agency",
        verbose_name="执法主体",
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        """A row may only point at rows (and user accounts) of its own agency."""
        super().clean()
        if self.agency_id is None:
            return
        errors: dict[str, str] = {}
        for field in self._meta.concrete_fields:
            if not field.is_relation or field.name == "agency":
                continue
            if getattr(self, field.attname) is None:
                continue  # an empty or invalid choice is reported by the field itself
            target = getattr(self, field.name)
            if hasattr(target, "agency_id") and target.agency_id != self.agency_id:
                errors[field.name] = f"所选{field.verbose_name}不属于本执法主体。"
        if errors:
            raise ValidationError(errors)
