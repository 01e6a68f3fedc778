"""案卷 (case files), their archive transfer, access requests and the access register.

A case file is formed once per closed case and never rewritten: its catalogue, cover and the
signed checkpoint that covers every entry are fixed at formation; accepting it into the archive
makes it read-only. The register keeps every view, copy and export; each row has its ledger entry.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from sanxiang.archive.choices import (
    AccessAction,
    CaseFileStatus,
    RequesterKind,
    RequestScope,
    RequestStatus,
)


class CaseFile(models.Model):
    """案卷 — the bound file of one closed case."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="case_file")
    department = models.CharField("档案生成部门", max_length=100, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=CaseFileStatus.choices, default=CaseFileStatus.FORMED
    )
    cover: models.JSONField[dict[str, Any]] = models.JSONField("封面", default=dict)
    catalogue: models.JSONField[list[dict[str, Any]]] = models.JSONField("卷内目录", default=list)
    av_locations: models.JSONField[list[dict[str, Any]]] = models.JSONField(
        "音像记录存储位置", default=list
    )
    content_sha256 = models.CharField("案卷内容摘要", max_length=64)
    formation_due = models.DateField("立卷期限", null=True, blank=True)
    formation_cite = models.CharField("立卷期限依据", max_length=300, blank=True)
    formed_late = models.BooleanField("逾期立卷", default=False)
    formed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="立卷人", on_delete=models.PROTECT, related_name="+"
    )
    formed_at = models.DateTimeField("立卷时间")
    checkpoint = models.ForeignKey(
        "ledger.Checkpoint", verbose_name="覆盖案卷的检查点", on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    transfer_due = models.DateField("归档移交期限", null=True, blank=True)
    transfer_cite = models.CharField("归档移交依据", max_length=300, blank=True)
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="移交人", on_delete=models.PROTECT,
        related_name="+", null=True, blank=True,
    )  # fmt: skip
    transferred_at = models.DateTimeField("移交时间", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收档案员", on_delete=models.PROTECT,
        related_name="+", null=True, blank=True,
    )  # fmt: skip
    accepted_at = models.DateTimeField("归档时间", null=True, blank=True)
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "案卷"
        verbose_name_plural = "案卷"
        ordering = ["-formed_at", "-id"]

    def __str__(self) -> str:
        return str(self.cover.get("title") or self.case_id)

    @property
    def is_read_only(self) -> bool:
        return self.status == CaseFileStatus.ACCEPTED


class AccessRequest(models.Model):
    """查阅/复制申请 — approved by the role the pack's access rule names."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="access_requests")
    requester_kind = models.CharField("申请人类别", max_length=20, choices=RequesterKind.choices)
    requester_name = models.CharField("申请人", max_length=200)
    party = models.ForeignKey(
        "cases.Party", verbose_name="当事人", on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )  # fmt: skip
    letter_ref = models.CharField("函件或调查令文号", max_length=200, blank=True)
    reason = models.TextField("事由")
    wants_copy = models.BooleanField("申请复制", default=False)
    # 查阅 / 复制 / 导出 of the case file or of one recording (``item``).
    wanted = models.CharField(
        "申请方式", max_length=20, choices=AccessAction.choices, default=AccessAction.VIEW
    )
    scope = models.CharField(
        "申请范围", max_length=20, choices=RequestScope.choices, default=RequestScope.CASE_FILE
    )
    item = models.ForeignKey(
        "evidence.EvidenceItem", verbose_name="音像记录", on_delete=models.PROTECT,
        related_name="+", null=True, blank=True,
    )  # fmt: skip
    rule_id = models.CharField("适用规则", max_length=100, blank=True)
    rule_cite = models.CharField("依据", max_length=300, blank=True)
    approver_role = models.CharField("审批角色", max_length=40)
    status = models.CharField(
        "状态", max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField("登记时间")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审批人", on_delete=models.PROTECT,
        related_name="+", null=True, blank=True,
    )  # fmt: skip
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    ledger_index = models.PositiveBigIntegerField("账本序号")
    decision_ledger_index = models.PositiveBigIntegerField("审批账本序号", null=True, blank=True)

    class Meta:
        verbose_name = "查阅申请"
        verbose_name_plural = "查阅申请"
        ordering = ["-registered_at", "-id"]

    def __str__(self) -> str:
        return f"{self.requester_name}（{self.get_requester_kind_display()}）"


class AccessEvent(models.Model):
    """调阅登记 — one view, copy or export: 调阅人, 复制人, 审批人, 时间, 事由 (市人社局 第二十七条
    第三款; 硚口 第二十七条第二款)."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="access_events")
    request = models.ForeignKey(
        AccessRequest, on_delete=models.PROTECT, related_name="events", null=True, blank=True
    )
    action = models.CharField("方式", max_length=20, choices=AccessAction.choices)
    viewer = models.CharField("调阅人", max_length=200)
    copier = models.CharField("复制人", max_length=200, blank=True)
    approver = models.CharField("审批人", max_length=200, blank=True)
    at = models.DateTimeField("时间")
    reason = models.TextField("事由")
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT, related_name="+"
    )
    redacted = models.BooleanField("已隐去第三人信息", default=False)
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "调阅登记"
        verbose_name_plural = "调阅登记"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.viewer} {self.get_action_display()} {self.at:%Y-%m-%d}"
