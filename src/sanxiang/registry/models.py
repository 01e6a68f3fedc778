"""Registry: the agencies and (later in this app) their people and enforcement items."""

from __future__ import annotations

from django.db import models


class Agency(models.Model):
    """行政执法主体 — an enforcement agency. Every other row in the platform belongs to one.

    ``slug`` names the agency's policy pack (``policy/packs/<slug>.toml``).
    """

    slug = models.SlugField("标识", max_length=40, unique=True)
    name = models.CharField("名称", max_length=100, unique=True)

    class Meta:
        verbose_name = "执法主体"
        verbose_name_plural = "执法主体"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
