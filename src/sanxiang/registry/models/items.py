"""What an agency enforces: the item list (事项清单) and what hangs off each item."""

from __future__ import annotations

from django.db import models

from sanxiang.registry.choices import (
    DiscretionLevel,
    InspectionMethod,
    ItemKind,
    ServiceChannel,
    TimeLimitUnit,
)
from sanxiang.registry.models.agency import Department
from sanxiang.registry.models.base import AgencyOwned


class EnforcementItem(AgencyOwned):
    """执法事项 — one line of the agency's 主要执法事项清单.

    Published beforehand (市人社局公示办法 第六条(二); 武汉市科技局公示办法 第八条(二);
    东西湖区司法局实施办法 三(一)1: 执法事项名称、政策依据、受理机构、审批机构、受理条件、办理时限).
    Fees follow 行政许可法 第五十八条/第五十九条: none unless a law or regulation says so, then
    the published standard and its basis.
    """

    code = models.CharField("事项编码", max_length=40, blank=True)
    name = models.CharField("事项名称", max_length=200)
    kind = models.CharField("事项类别", max_length=20, choices=ItemKind.choices)
    legal_basis = models.TextField("法律依据")
    department = models.ForeignKey(
        Department, verbose_name="承办机构", on_delete=models.PROTECT, related_name="items"
    )
    approving_department = models.CharField("审批机构", max_length=100, blank=True)
    acceptance_conditions = models.TextField("受理条件", blank=True)
    is_random_inspection = models.BooleanField("纳入随机抽查", default=False)
    statutory_limit = models.PositiveSmallIntegerField("法定时限", null=True, blank=True)
    statutory_limit_unit = models.CharField(
        "法定时限单位", max_length=10, choices=TimeLimitUnit.choices, default=TimeLimitUnit.WORKDAY
    )
    promised_limit = models.PositiveSmallIntegerField("承诺时限", null=True, blank=True)
    promised_limit_unit = models.CharField(
        "承诺时限单位", max_length=10, choices=TimeLimitUnit.choices, default=TimeLimitUnit.WORKDAY
    )
    charges_fee = models.BooleanField("是否收费", default=False)
    fee_standard = models.TextField("收费标准", blank=True)
    fee_basis = models.TextField("收费依据", blank=True)
    materials = models.TextField("申请材料", blank=True, help_text="每行一项。")

    class Meta:
        verbose_name = "执法事项"
        verbose_name_plural = "执法事项清单"
        ordering = ["agency_id", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="registry_item_unique_name"),
            # 行政许可法 第五十九条: a fee needs a published standard and its legal basis.
            models.CheckConstraint(
                condition=models.Q(charges_fee=False)
                | (~models.Q(fee_standard="") & ~models.Q(fee_basis="")),
                name="registry_item_fee_has_basis",
            ),
            models.CheckConstraint(
                condition=models.Q(promised_limit__isnull=True)
                | models.Q(statutory_limit__isnull=True)
                | ~models.Q(promised_limit_unit=models.F("statutory_limit_unit"))
                | models.Q(promised_limit__lte=models.F("statutory_limit")),
                name="registry_item_promise_within_statute",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"

    def statutory_limit_text(self) -> str:
        return _limit_text(self.statutory_limit, self.statutory_limit_unit)

    def promised_limit_text(self) -> str:
        return _limit_text(self.promised_limit, self.promised_limit_unit)

    def material_list(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]


def _limit_text(amount: int | None, unit: str) -> str:
    """ "20个工作日", "7日", "3个月" — how a time limit is written in a 事项清单."""
    if amount is None:
        return "—"
    if unit == TimeLimitUnit.DAY:
        return f"{amount}日"
    return f"{amount}个{TimeLimitUnit(unit).label}"


class RandomInspectionItem(AgencyOwned):
    """随机抽查事项 — one line of the 随机抽查事项清单 and the year's inspection plan for it.

    The list is published beforehand (市人社局公示办法 第六条(二); 柳州市科技局公示制度 第六条);
    the plan names 检查主体、检查方式、管理对象基数和对应的检查比例、检查频次
    (武汉市科技局公示办法 第十条).
    """

    item = models.ForeignKey(
        EnforcementItem,
        verbose_name="执法事项",
        on_delete=models.PROTECT,
        related_name="random_inspections",
    )
    inspection_targets = models.TextField("抽查对象")
    method = models.CharField(
        "检查方式", max_length=20, choices=InspectionMethod.choices, default=InspectionMethod.RANDOM
    )
    target_base = models.PositiveIntegerField("管理对象基数", null=True, blank=True)
    ratio_percent = models.DecimalField("抽查比例（%）", max_digits=5, decimal_places=2)
    frequency = models.CharField("抽查频次", max_length=100)
    basis = models.TextField("抽查依据")

    class Meta:
        verbose_name = "随机抽查事项"
        verbose_name_plural = "随机抽查事项清单"
        ordering = ["agency_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ratio_percent__gt=0) & models.Q(ratio_percent__lte=100),
                name="registry_random_ratio_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item.name} · 随机抽查"


class DiscretionStandard(AgencyOwned):
    """行政处罚裁量基准 — for one item and one violation, the penalty range at each grade.

    行政处罚裁量基准应当向社会公布 (行政处罚法 第三十四条; 市人社局公示办法 第六条(五);
    柳州市科技局公示制度 第六条: 自由裁量基准).
    """

    item = models.ForeignKey(
        EnforcementItem,
        verbose_name="执法事项",
        on_delete=models.PROTECT,
        related_name="discretion_standards",
    )
    violation = models.TextField("违法情形")
    level = models.CharField("裁量阶次", max_length=20, choices=DiscretionLevel.choices)
    circumstances = models.TextField("适用情节", blank=True)
    penalty_range = models.TextField("处罚幅度")
    basis = models.TextField("裁量依据")

    class Meta:
        verbose_name = "裁量基准"
        verbose_name_plural = "裁量基准"
        ordering = ["agency_id", "item_id", "id"]

    def __str__(self) -> str:
        return f"{self.item.name} · {self.get_level_display()}"


class HearingStandard(AgencyOwned):
    """听证基准 — when a penalty entitles the party to ask for a hearing.

    行政处罚法 第六十三条 names the kinds (较大数额罚款 …) and leaves the amounts to each field;
    the agency publishes its thresholds (市人社局公示办法 第六条(五): 裁量基准、听证基准).
    ``item`` is optional: a standard may apply to every penalty item of the agency.
    """

    item = models.ForeignKey(
        EnforcementItem,
        verbose_name="执法事项",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hearing_standards",
    )
    party_type = models.CharField("当事人类型", max_length=50, help_text="如：公民、法人或其他组织")
    condition = models.TextField("听证情形")
    fine_threshold_yuan = models.PositiveIntegerField(
        "较大数额罚款起点（元）", null=True, blank=True
    )
    basis = models.TextField("依据")

    class Meta:
        verbose_name = "听证基准"
        verbose_name_plural = "听证基准"
        ordering = ["agency_id", "id"]

    def __str__(self) -> str:
        return f"听证基准 · {self.party_type}"


class ServiceGuide(AgencyOwned):
    """服务指南 — the guide to one permit (or other service) item.

    The agency publishes 服务对象、办理条件、办理方式、办理流程、法定时限、承诺时限、收费方式、
    收费依据以及申办材料的目录、表格、填写说明、示范文本 (市人社局公示办法 第六条(六);
    武汉市科技局公示办法 第八条(四); 行政许可法 第三十条). Time limits and fees are read from
    the item so they cannot disagree with the item list.
    """

    item = models.OneToOneField(
        EnforcementItem,
        verbose_name="执法事项",
        on_delete=models.PROTECT,
        related_name="service_guide",
    )
    service_targets = models.TextField("服务对象")
    conditions = models.TextField("办理条件")
    channel = models.CharField(
        "办理方式", max_length=20, choices=ServiceChannel.choices, default=ServiceChannel.BOTH
    )
    venue = models.CharField("办理地点", max_length=200, blank=True)
    process = models.TextField("办理流程", help_text="每行一个环节。")
    materials_catalogue = models.TextField("申办材料目录", help_text="每行一项。")
    forms = models.TextField("表格及填写说明", blank=True)
    sample_text = models.TextField("示范文本", blank=True)
    consultation_phone = models.CharField("咨询电话", max_length=40, blank=True)

    class Meta:
        verbose_name = "服务指南"
        verbose_name_plural = "服务指南"
        ordering = ["agency_id", "id"]

    def __str__(self) -> str:
        return f"{self.item.name} · 服务指南"

    def process_steps(self) -> list[str]:
        return [line.strip() for line in self.process.splitlines() if line.strip()]
