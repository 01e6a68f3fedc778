"""执法文书: issued documents and their 文号 counters.

Thin models: every write goes through :mod:`sanxiang.documents.services`. A document is never
changed or deleted once issued: a corrected one is a new document with a new 文号, and the old
one stays in the case file (its digest is in the ledger either way).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sanxiang.documents.choices import DocumentStatus


class DocumentCounter(models.Model):
    """The last 文号 sequence used per agency, document type and year.

    Locked with ``select_for_update`` by the issuing transaction, so numbers are gapless and never
    repeat: a document whose issuing fails rolls its number back with it.
    """

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    doc_type = models.CharField("文书类型", max_length=40)
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = "文号计数器"
        verbose_name_plural = "文号计数器"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "doc_type", "year"], name="documents_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.doc_type} {self.year}: {self.last}"


class Document(models.Model):
    """执法文书 — one rendered, sealed PDF of a case, stored content-addressed by SHA-256."""

    agency = models.ForeignKey(
        "registry.Agency", verbose_name="执法主体", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", on_delete=models.PROTECT, related_name="documents"
    )
    record = models.ForeignKey(
        "cases.CaseRecord",
        verbose_name="所依据的记录",
        on_delete=models.PROTECT,
        related_name="documents",
        null=True,
        blank=True,
    )
    doc_type = models.CharField("文书类型", max_length=40)
    title = models.CharField("文书名称", max_length=100)
    # Empty for forms without a 文号 (笔录, 审批表); unique per agency otherwise.
    number = models.CharField("文号", max_length=80, blank=True)
    year = models.PositiveSmallIntegerField("年度")
    sequence = models.PositiveIntegerField("序号", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    # The document a 送达回证 goes with (the decision it serves), null otherwise.
    serves = models.ForeignKey(
        "self",
        verbose_name="送达的文书",
        on_delete=models.PROTECT,
        related_name="receipts",
        null=True,
        blank=True,
    )
    # Issued by the workflow (issue_for_record): at most one per record and type, so a hook that
    # runs twice does not take a second 文号.
    auto = models.BooleanField("随流程自动制作", default=False)
    # Null until the PDF is rendered and signed (status ``issued``).
    sha256 = models.CharField("SHA-256", max_length=64, unique=True, null=True, blank=True)
    # Printed under the QR code; the public verification page finds the document by it.
    verify_code = models.CharField("核验码", max_length=20, unique=True)
    size = models.PositiveIntegerField("字节数", default=0)
    pages = models.PositiveSmallIntegerField("页数", default=0)
    signed = models.BooleanField("已电子签章", default=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="制作人", on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField("制作时间")
    ledger_index = models.PositiveBigIntegerField("账本序号", null=True, blank=True)
    # Why the last render failed (English, for the log and the admin); empty otherwise.
    render_error = models.TextField("生成失败原因", blank=True)
    render_attempts = models.PositiveSmallIntegerField("生成次数", default=0)

    class Meta:
        verbose_name = "执法文书"
        verbose_name_plural = "执法文书"
        ordering = ["case_id", "issued_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "number"],
                condition=~models.Q(number=""),
                name="documents_document_number",
            ),
            models.UniqueConstraint(
                fields=["agency", "doc_type", "year", "sequence"],
                condition=models.Q(sequence__isnull=False),
                name="documents_document_sequence",
            ),
            models.UniqueConstraint(
                fields=["record", "doc_type"],
                condition=models.Q(auto=True, serves__isnull=True),
                name="documents_document_auto_once",
            ),
            models.UniqueConstraint(
                fields=["serves"],
                condition=models.Q(auto=True),
                name="documents_document_receipt_once",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "case"]),
            models.Index(fields=["status", "issued_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.number}".strip()

    @property
    def is_issued(self) -> bool:
        return self.status == DocumentStatus.ISSUED

    @property
    def filename(self) -> str:
        return f"{self.title}-{self.number or self.case.number}.pdf"
