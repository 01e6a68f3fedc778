"""行政执法统计年报 — one annual statistics report per agency and year.

Imported by ``disclosure.models`` (so Django registers it); written only by
``disclosure.annual_services`` and read through ``annual_selectors``.

The figures are frozen when the report is prepared (``data``, hashed as ``data_sha256``): what
the leader approves is exactly what is published. Publication renders the PDF once, stores it
and ledgers its SHA-256, so anyone holding the PDF can check it against the agency's ledger.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from sanxiang.disclosure.inspection_models import NoticeFields


class AnnualReport(NoticeFields):
    """行政执法统计年报 on ``year``, due by ``due_on`` (31 January of the next year)."""

    year = models.PositiveSmallIntegerField("年度")
    due_on = models.DateField("公示期限")
    data: models.JSONField[dict[str, Any]] = models.JSONField("统计数据", default=dict)
    data_sha256 = models.CharField("统计数据摘要（SHA-256）", max_length=64)
    prepared_at = models.DateTimeField("统计时间")
    pdf = models.BinaryField("PDF 文本", null=True, blank=True)
    pdf_sha256 = models.CharField("PDF 摘要（SHA-256）", max_length=64, blank=True)

    class Meta:
        verbose_name = "行政执法统计年报"
        verbose_name_plural = "行政执法统计年报"
        ordering = ["-year", "agency_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"], name="disclosure_one_annual_report_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年度行政执法统计年报"
