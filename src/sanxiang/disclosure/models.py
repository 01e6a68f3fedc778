"""行政执法公示: publication tasks, their redaction reviews, revisions, withdrawals and feedback.

Only redacted text is stored here: ``Publication.public_text`` and the summary values are the
derivative the public sees. The original text stays in the case record (``CaseRecord.payload``);
the review's spans are offsets into that original, recomputed on demand for the publisher.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from sanxiang.disclosure.choices import (
    FeedbackKind,
    FeedbackStatus,
    PublicationMode,
    PublicationStatus,
    SpanAction,
)


class Publication(models.Model):
    """公示任务 / 公示信息 — one pack disclosure item for one decision."""

    agency = models.ForeignKey(
        "registry.Agency", verbose_name="执法主体", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", on_delete=models.PROTECT, related_name="+"
    )
    record = models.ForeignKey(
        "cases.CaseRecord",
        verbose_name="决定记录",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    item_id = models.CharField("公示事项", max_length=80)
    item_label = models.CharField("公示事项名称", max_length=200)
    cite = models.CharField("依据", max_length=400, blank=True)
    fields: models.JSONField[list[str]] = models.JSONField("摘要字段", default=list)
    approver_role = models.CharField("审批角色", max_length=40)
    major = models.BooleanField("重大执法决定", default=False)
    status = models.CharField(
        "状态", max_length=20, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    mode = models.CharField(
        "公开方式", max_length=10, choices=PublicationMode.choices, default=PublicationMode.SUMMARY
    )
    decided_on = models.DateField("决定日期")
    due_on = models.DateField("公示期限")
    due_basis = models.CharField("期限计算说明", max_length=400, blank=True)
    title = models.CharField("标题", max_length=300)
    summary: models.JSONField[dict[str, str]] = models.JSONField("摘要（已去标识化）", default=dict)
    public_text = models.TextField("公开全文（已去标识化）", blank=True)
    # Spans in the original record text: [{start, end, kind, reason, by}] (reviewable).
    spans: models.JSONField[list[dict[str, Any]]] = models.JSONField("隐去范围", default=list)
    search_text = models.TextField("检索文本", blank=True)
    exclusion_id = models.CharField("不予公开依据", max_length=80, blank=True)
    exclusion_ground = models.TextField("不予公开理由", blank=True)
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
    version = models.PositiveIntegerField("版本", default=1)
    withdrawal_due_on = models.DateField("撤回期限", null=True, blank=True)
    withdrawal_rule = models.CharField("撤回规则", max_length=80, blank=True)
    withdrawal_reason = models.TextField("撤回原因（公开）", blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间")
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "公示信息"
        verbose_name_plural = "公示信息"
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "item_id"], name="disclosure_one_publication_per_item"
            )
        ]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["status", "published_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status in (
            PublicationStatus.PUBLISHED,
            PublicationStatus.WITHDRAWAL_DUE,
            PublicationStatus.WITHDRAWN,
        )


class PublicationTransition(models.Model):
    """状态变更 — old state, new state, actor, time and note (STYLE.md §4)."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="transitions"
    )
    from_status = models.CharField("原状态", max_length=20, blank=True)
    to_status = models.CharField("新状态", max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    at = models.DateTimeField("时间")
    note = models.TextField("说明", blank=True)
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class RedactionChange(models.Model):
    """隐去范围调整 — a publisher added or undid one span."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="redaction_changes"
    )
    action = models.CharField("操作", max_length=10, choices=SpanAction.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField("类型", max_length=30)
    reason = models.CharField("理由", max_length=300)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.start}-{self.end}"


class PublicationRevision(models.Model):
    """更正历史 — what a published item said before each correction (redacted, as published)."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="revisions")
    version = models.PositiveIntegerField("版本")
    title = models.CharField("标题", max_length=300)
    summary: models.JSONField[dict[str, str]] = models.JSONField("摘要", default=dict)
    public_text = models.TextField("公开全文", blank=True)
    correction_reason = models.TextField("更正原因（公开）")
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    corrected_at = models.DateTimeField("更正时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        ordering = ["publication_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "version"], name="disclosure_revision_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}（第{self.version}版）"


class Feedback(models.Model):
    """公众意见 — a correction request or suggestion about a published item, and its answer."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="feedback")
    kind = models.CharField("类型", max_length=20, choices=FeedbackKind.choices)
    message = models.TextField("内容")
    contact = models.CharField("联系方式（选填，不公开）", max_length=100, blank=True)
    # A keyed hash of the client address: enough to rate-limit, not enough to identify.
    client_key = models.CharField(max_length=64, db_index=True)
    status = models.CharField(
        "处理状态", max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.OPEN
    )
    answer = models.TextField("答复", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    due_on = models.DateField("处理期限")
    created_at = models.DateTimeField("提交时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = "公众意见"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.created_at:%Y-%m-%d}）"


# 事前/事中 items live in their own modules; imported here so Django registers them.
from sanxiang.disclosure.annual_models import AnnualReport  # noqa: E402
from sanxiang.disclosure.inspection_models import (  # noqa: E402
    InspectionInfo,
    InspectionPlan,
    InspectionPlanLine,
)
from sanxiang.disclosure.process_models import ProcessNotice  # noqa: E402

__all__ = [
    "AnnualReport",
    "Feedback",
    "InspectionInfo",
    "InspectionPlan",
    "InspectionPlanLine",
    "ProcessNotice",
    "Publication",
    "PublicationRevision",
    "PublicationTransition",
    "RedactionChange",
]
