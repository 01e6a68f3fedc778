"""法制审核 — legal review of major enforcement decisions.

Thin models: every write goes through :mod:`sanxiang.review.services` (one transaction, the
case row locked, a ledger entry appended). Every table carries ``agency``. Nothing is deleted:
a changed proposal is a new :class:`Submission`; the old one is marked superseded.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from sanxiang.review.choices import ConsultationKind, SubmissionStatus

USER = settings.AUTH_USER_MODEL


class Catalogue(models.Model):
    """重大执法决定事项目录 — one version of an agency's catalogue, with its filing (备案) with
    the justice bureau and its publication. A new version replaces the old one when it is adjusted
    (东西湖区司法局实施办法 三（三）第二段: 调整后重新备案和公布)."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField("版本")
    title = models.CharField("名称", max_length=200, default="重大执法决定事项目录")
    filed_on = models.DateField("报司法局备案日期", null=True, blank=True)
    filing_ref = models.CharField("备案文号", max_length=100, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    withdrawn_on = models.DateField("撤回公布日期", null=True, blank=True)
    withdrawal_reason = models.TextField("撤回理由", blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("制定时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "重大执法决定事项目录"
        verbose_name_plural = "重大执法决定事项目录"
        ordering = ["agency_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "version"], name="review_catalogue_version")
        ]

    def __str__(self) -> str:
        return f"{self.title}（第{self.version}版）"

    @property
    def is_draft(self) -> bool:
        """Still being drawn up: items may change until it is filed (备案) or published."""
        return self.filed_on is None and self.published_on is None and self.withdrawn_on is None

    @property
    def state_label(self) -> str:
        if self.withdrawn_on is not None:
            return "已撤回"
        if self.published_on is not None:
            return "已公布"
        if self.filed_on is not None:
            return "已备案，待公布"
        return "草稿"


class CatalogueItem(models.Model):
    """One item of a catalogue version: the kind of decision and its legal basis."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    catalogue = models.ForeignKey(Catalogue, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveIntegerField("序号")
    name = models.CharField("事项", max_length=300)
    basis = models.CharField("依据", max_length=300, blank=True)

    class Meta:
        verbose_name = "目录事项"
        verbose_name_plural = "目录事项"
        ordering = ["catalogue_id", "position"]

    def __str__(self) -> str:
        return self.name


class MajorMark(models.Model):
    """本局认为属于重大 — a case the agency marks major by hand, with its reason."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="major_marks")
    reason = models.TextField("理由")
    cite = models.CharField("依据", max_length=300)
    marked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "认定为重大执法决定"
        verbose_name_plural = "认定为重大执法决定"
        ordering = ["case_id", "at", "id"]

    def __str__(self) -> str:
        return self.reason


class EmergencyDecision(models.Model):
    """即时性、应急性执法决定 made without prior review, recorded with its legal ground."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="emergencies")
    legal_ground = models.TextField("法律依据及紧急情况")
    cite = models.CharField("免于事先审核的依据", max_length=300)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "紧急执法决定"
        verbose_name_plural = "紧急执法决定"
        ordering = ["case_id", "at", "id"]

    def __str__(self) -> str:
        return self.legal_ground[:40]


class Submission(models.Model):
    """送审 — the handling department's proposal for one decision, with its materials.

    The clock (``due``) starts only once the submission is complete (``complete_at``); an
    incomplete one is ``returned`` with ``missing``. ``facts_snapshot`` and ``fingerprint`` are
    the proposal as reviewed: when the case facts or the proposal change, the opinion no longer
    covers the decision and a new submission is needed.
    """

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="submissions")
    sequence = models.PositiveIntegerField("送审次序")
    status = models.CharField("状态", max_length=20, choices=SubmissionStatus.choices)
    proposal = models.TextField("拟作出的决定")
    reasons = models.TextField("理由")
    legal_basis = models.TextField("法律依据")
    materials: models.JSONField[dict[str, str]] = models.JSONField("送审材料", default=dict)
    missing: models.JSONField[list[str]] = models.JSONField("缺少的材料", default=list)
    grounds: models.JSONField[list[dict[str, str]]] = models.JSONField("重大事由", default=list)
    office = models.CharField("审核机构", max_length=200)
    entrusted_org = models.CharField("受委托组织", max_length=200, blank=True)
    facts_snapshot: models.JSONField[dict[str, Any]] = models.JSONField("送审时案件事实")
    fingerprint = models.CharField("送审内容摘要", max_length=64)
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField("送审时间")
    complete_at = models.DateTimeField("材料完备时间", null=True, blank=True)
    due = models.DateField("审核期限届满日", null=True, blank=True)
    due_cite = models.CharField("期限依据", max_length=300, blank=True)
    due_explanation = models.TextField("期限计算说明", blank=True)
    provisional = models.BooleanField("暂定（节假日安排未公布）", default=False)
    extensions_used = models.PositiveSmallIntegerField("已延期次数", default=0)
    history: models.JSONField[list[dict[str, Any]]] = models.JSONField("变更记录", default=list)
    rereviews_used = models.PositiveSmallIntegerField("已复审次数", default=0)
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "送审"
        verbose_name_plural = "送审"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="review_submission_seq")
        ]
        indexes = [models.Index(fields=["agency", "status", "due"])]

    def __str__(self) -> str:
        return f"{self.case_id} 第{self.sequence}次送审"


class ChecklistFinding(models.Model):
    """审核内容 — the reviewer's finding on one checklist item (the latest row per item counts)."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="findings")
    item_id = models.CharField("审核事项", max_length=100)
    label = models.CharField("审核内容", max_length=300)
    cite = models.CharField("依据", max_length=300)
    passed = models.BooleanField("符合")
    note = models.TextField("审核意见", blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "审核事项意见"
        verbose_name_plural = "审核事项意见"
        ordering = ["submission_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.label}：{'符合' if self.passed else '不符合'}"


class Consultation(models.Model):
    """了解情况、询问当事人、论证、咨询法律顾问 — recorded."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="consultations"
    )
    kind = models.CharField("方式", max_length=30, choices=ConsultationKind.choices)
    participants = models.CharField("参加人员", max_length=300)
    summary = models.TextField("情况记录")
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "了解情况记录"
        verbose_name_plural = "了解情况记录"
        ordering = ["submission_id", "at", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Opinion(models.Model):
    """法制审核意见书 — the outcome (from the pack) with written reasons, issued in two copies:
    ``copies`` records both destinations (case file and review-office archive)."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="opinions")
    number = models.CharField("意见书编号", max_length=80)
    outcome_id = models.CharField("审核意见", max_length=100)
    outcome_label = models.CharField("审核意见名称", max_length=300)
    cite = models.CharField("依据", max_length=300)
    allows_decision = models.BooleanField("同意作出决定")
    reasons = models.TextField("理由")
    is_rereview = models.BooleanField("复审意见", default=False)
    copies: models.JSONField[list[dict[str, Any]]] = models.JSONField("意见书份数及去向")
    issued_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField("出具时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "法制审核意见书"
        verbose_name_plural = "法制审核意见书"
        ordering = ["submission_id", "issued_at", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.outcome_label}"


class LegalityIssue(models.Model):
    """A legality problem found in review: the decision stays blocked until it is corrected
    (市人社局审核办法 第十一条第二款)."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="legality_issues")
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="issues")
    description = models.TextField("合法性问题")
    cite = models.CharField("依据", max_length=300)
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField("发现时间")
    correction = models.TextField("纠正情况", blank=True)
    corrected_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    corrected_at = models.DateTimeField("纠正时间", null=True, blank=True)
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "合法性问题"
        verbose_name_plural = "合法性问题"
        ordering = ["case_id", "opened_at", "id"]

    def __str__(self) -> str:
        return self.description[:40]

    @property
    def is_open(self) -> bool:
        return self.corrected_at is None


class ReRequest(models.Model):
    """书面申请复审 — the department's one written request for a re-review."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="rerequests")
    opinion = models.ForeignKey(Opinion, on_delete=models.PROTECT, related_name="rerequests")
    reasons = models.TextField("复审理由")
    cite = models.CharField("依据", max_length=300)
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "复审申请"
        verbose_name_plural = "复审申请"
        ordering = ["submission_id", "at", "id"]

    def __str__(self) -> str:
        return self.reasons[:40]


class Escalation(models.Model):
    """提请负责人决定 — after re-review the head decides, with the department's, the review
    office's and the deputy head's opinions on record."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="escalations")
    department_opinion = models.TextField("承办机构意见")
    review_office_opinion = models.TextField("法制审核机构意见")
    deputy_opinion = models.TextField("分管负责人意见")
    allows_decision = models.BooleanField("同意作出决定")
    reasons = models.TextField("决定理由")
    collective_discussion = models.TextField("集体讨论情况", blank=True)
    party_group_meeting = models.BooleanField("提交党组会议（三重一大）", default=False)
    cite = models.CharField("依据", max_length=300)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "负责人决定"
        verbose_name_plural = "负责人决定"
        ordering = ["submission_id", "at", "id"]

    def __str__(self) -> str:
        return self.reasons[:40]
