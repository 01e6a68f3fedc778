"""Holiday years loaded after the repository data (``sanxiang workdays load-year``).

The years 2004–2026 live in ``data/holidays.json`` and are read from there at run time; these
tables hold only the years published later, so the repository file stays the reviewable source
for the past and an installation can add a new year the day its notice appears, without a release.
The table in force is the two merged (``selectors.runtime_table``).

The holiday table is national — one State Council notice binds every agency — so, unlike the
rest of the platform, these rows carry no ``agency_id``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sanxiang.workdays.choices import DayKind


class HolidayYear(models.Model):
    """年度节假日安排 — one notice year added by ``load-year``; never edited afterwards."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    notices = models.JSONField("通知", help_text="该年度节假日安排所依据的通知名称（及文号）")
    special = models.JSONField("特别节日", default=list, blank=True)
    # SHA-256 of the canonical year data: cheap change detection for the cached table.
    digest = models.CharField("数据摘要", max_length=64)
    loaded_at = models.DateTimeField("载入时间", auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="载入人",
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year} 年节假日安排"


class HolidayDay(models.Model):
    """One day of a loaded year: a rest day (放假) or an adjusted working weekend day (调休上班)."""

    holiday_year = models.ForeignKey(
        HolidayYear, verbose_name="年度", on_delete=models.PROTECT, related_name="days"
    )
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=4, choices=DayKind.choices)
    holiday = models.CharField("节日", max_length=60)

    class Meta:
        verbose_name = "节假日安排日"
        verbose_name_plural = "节假日安排日"
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=DayKind.values), name="holiday_day_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.holiday}{self.get_kind_display()}"
