"""执法检查计划 and 行政检查信息: the year's inspection plan and periodic inspection information.

Imported by ``disclosure.models`` (so Django registers them); written only by
``disclosure.inspection`` (services) and read through its selectors.

* 年度检查计划 — 每年一季度公示当年的执法检查计划信息 (检查主体、检查方式、管理对象基数和对应的
  检查比例、检查频次: 武汉市科技局公示办法 第十条; 市人社局公示办法 第八条第一款、第二款). One plan
  per agency and year, with one line per inspected matter, due by the pack's deadline (31 March).
* 行政检查信息 — 按月或者按季度公示 (市人社局 第八条第三款; 东西湖 三（一）3): one publication per
  agency and period, its figures and list computed from the period's 行政检查 cases.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.registry.choices import InspectionMethod


class NoticeFields(models.Model):
    """What every 事前/事中 item of this app shares: approval, publication, withdrawal, ledger."""

    agency = models.ForeignKey(
        "registry.Agency", verbose_name="执法主体", on_delete=models.PROTECT, related_name="+"
    )
    item_id = models.CharField("公示事项", max_length=80)
    item_label = models.CharField("公示事项名称", max_length=300)
    cite = models.CharField("依据", max_length=400)
    status = models.CharField(
        "状态", max_length=20, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT
    )
    approver_role = models.CharField("审批角色", max_length=40)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    approved_at = models.DateTimeField("审批时间", null=True, blank=True)
    published_at = models.DateTimeField("公示时间", null=True, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawal_reason = models.TextField("撤回原因（公开）", blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    # Earlier versions as published, each with its public correction reason (newest last).
    history: models.JSONField[list[dict[str, Any]]] = models.JSONField("更正历史", default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间")
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        abstract = True


class InspectionPlan(NoticeFields):
    """年度执法检查计划 — published in the first quarter of ``year`` (due ``due_on``)."""

    year = models.PositiveSmallIntegerField("年度")
    due_on = models.DateField("公示期限")
    due_basis = models.CharField("期限计算说明", max_length=400, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "年度执法检查计划"
        verbose_name_plural = "年度执法检查计划"
        ordering = ["-year", "agency_id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="disclosure_one_plan_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}年度执法检查计划"

    @property
    def planned_total(self) -> int:
        return sum(line.planned_count for line in self.lines.all())


class InspectionPlanLine(models.Model):
    """计划事项 — 检查主体、检查方式、检查对象、管理对象基数、检查比例、检查频次 for one matter."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveSmallIntegerField("序号")
    subject = models.CharField("检查主体", max_length=200)
    matter = models.CharField("检查事项", max_length=300)
    method = models.CharField("检查方式", max_length=20, choices=InspectionMethod.choices)
    targets = models.CharField("检查对象", max_length=300)
    target_base = models.PositiveIntegerField("管理对象基数")
    ratio_percent = models.DecimalField("检查比例（%）", max_digits=5, decimal_places=2)
    frequency = models.CharField("检查频次", max_length=100)
    # 计划检查户次 (base × ratio, rounded up, × times a year): what execution is measured by.
    planned_count = models.PositiveIntegerField("计划检查户次")

    class Meta:
        verbose_name = "检查计划事项"
        verbose_name_plural = "检查计划事项"
        ordering = ["plan_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="disclosure_plan_line_pos"),
            models.CheckConstraint(
                condition=models.Q(ratio_percent__gt=0) & models.Q(ratio_percent__lte=100),
                name="disclosure_plan_ratio_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matter}（{self.ratio_percent}%）"


class InspectionInfo(NoticeFields):
    """行政检查信息 — one month or quarter of 行政检查, computed from the cases of the period."""

    period = models.CharField("周期", max_length=10)  # month | quarter | year (pack item period)
    period_start = models.DateField("周期开始")
    period_end = models.DateField("周期结束")
    due_on = models.DateField("公示期限")
    due_basis = models.CharField("期限计算说明", max_length=400, blank=True)
    # {"opened": n, "concluded": n, "ordered_to_correct": n, "per_officer": "x.y"} and the list
    # [{"number", "target", "matter", "conclusion", "concluded_on"}] — targets already masked.
    figures: models.JSONField[dict[str, Any]] = models.JSONField("统计", default=dict)
    rows: models.JSONField[list[dict[str, str]]] = models.JSONField("检查信息", default=list)

    class Meta:
        verbose_name = "行政检查信息"
        verbose_name_plural = "行政检查信息"
        ordering = ["-period_start", "agency_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "item_id", "period_start"], name="disclosure_one_info_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"行政检查信息（{self.period_start:%Y-%m-%d} 至 {self.period_end:%Y-%m-%d}）"
