"""Stored evidence: blobs (content-addressed bytes), the case records they belong to, legal
holds, disposals (tombstones) and fixity runs.

Bytes live in the blob store (:mod:`sanxiang.evidence.store`); these rows say what they are,
whose they are and how long they must be kept. Blobs and evidence items are never deleted: the
database refuses it (migration 0002), a disposal only marks the blob and leaves the digest.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from sanxiang.evidence.choices import BlobStatus, EvidenceKind


class Blob(models.Model):
    """One stored object of an agency, named by its SHA-256 (SM3 too where the pack asks).

    ``retain_until`` is the last day the bytes must be kept (AV: at least 3 months); when
    ``retain_permanent`` the blob is evidence and is kept with the case file.
    """

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    sha256 = models.CharField("SHA-256 摘要", max_length=64)
    sm3 = models.CharField("SM3 摘要", max_length=64, blank=True)
    size = models.PositiveBigIntegerField("字节数")
    store = models.CharField("存储位置", max_length=40)
    retain_until = models.DateField("保存期限至", null=True, blank=True)
    retain_permanent = models.BooleanField("随案卷保存", default=False)
    retention_rule = models.CharField("保存期限规则", max_length=100, blank=True)
    retention_cite = models.CharField("保存期限依据", max_length=300, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=BlobStatus.choices, default=BlobStatus.STORED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="入库人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("入库时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "存储对象"
        verbose_name_plural = "存储对象"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "sha256"], name="evidence_blob_digest")
        ]

    def __str__(self) -> str:
        return f"{self.sha256[:12]}…（{self.size} 字节）"


class EvidenceItem(models.Model):
    """音像记录 or 附件 — a blob attached to one case record, with the seeds' metadata.

    ``metadata`` holds what the 办法 require to be marked on an AV record (案号, 当事人, 承办人,
    device, time, place, step; 市人社局 第二十六条第三款). ``disc_copy`` is the 光盘备份 note of an
    AV record used as evidence: 制作人, 提取人, 提取时间 (第二十七条第二款).
    """

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="evidence")
    record = models.ForeignKey(
        "cases.CaseRecord", on_delete=models.PROTECT, related_name="evidence"
    )
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="items")
    kind = models.CharField("类型", max_length=20, choices=EvidenceKind.choices)
    filename = models.CharField("文件名", max_length=255)
    media_type = models.CharField("媒体类型", max_length=100)
    metadata: models.JSONField[dict[str, Any]] = models.JSONField("标注信息", default=dict)
    recorded_at = models.DateTimeField("制作时间")
    as_evidence = models.BooleanField("作为证据使用", default=False)
    disc_copy: models.JSONField[dict[str, Any]] = models.JSONField("光盘备份", default=dict)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="入库人", on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField("入库时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "证据材料"
        verbose_name_plural = "证据材料"
        ordering = ["case_id", "recorded_at", "id"]

    def __str__(self) -> str:
        return self.filename


class LegalHold(models.Model):
    """诉讼保全 / 留存 — while a hold is in force the blob cannot be disposed of."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="holds")
    reason = models.TextField("理由")
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="设置人", on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField("设置时间")
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="解除人",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    released_at = models.DateTimeField("解除时间", null=True, blank=True)
    ledger_index = models.PositiveBigIntegerField("账本序号")
    release_ledger_index = models.PositiveBigIntegerField("解除账本序号", null=True, blank=True)

    class Meta:
        verbose_name = "保全"
        verbose_name_plural = "保全"
        ordering = ["-placed_at", "-id"]

    def __str__(self) -> str:
        return f"hold {self.pk} on {self.blob_id}"

    @property
    def is_active(self) -> bool:
        return self.released_at is None


class Disposal(models.Model):
    """销毁记录 — the tombstone of a blob disposed of after retention, with its digest."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    blob = models.OneToOneField(Blob, on_delete=models.PROTECT, related_name="disposal")
    sha256 = models.CharField("SHA-256 摘要", max_length=64)
    size = models.PositiveBigIntegerField("字节数")
    reason = models.TextField("理由")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("销毁时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "销毁记录"
        verbose_name_plural = "销毁记录"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.sha256[:12]}… disposed"


class FixityRun(models.Model):
    """定期核验 — one re-hash of a whole store; problems are digests."""

    store = models.CharField("存储位置", max_length=40)
    started_at = models.DateTimeField("开始时间")
    finished_at = models.DateTimeField("结束时间")
    checked = models.PositiveIntegerField("核验对象数")
    changed: models.JSONField[list[str]] = models.JSONField("内容被改变", default=list)
    missing: models.JSONField[list[str]] = models.JSONField("缺失", default=list)
    extra: models.JSONField[list[str]] = models.JSONField("多余", default=list)

    class Meta:
        verbose_name = "完整性核验"
        verbose_name_plural = "完整性核验"
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.store} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.extra)
