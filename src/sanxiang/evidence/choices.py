"""Enumerations of the evidence app, with Chinese labels for the UI."""

from django.db import models


class BlobStatus(models.TextChoices):
    STORED = "stored", "在库"
    DISPOSED = "disposed", "已销毁（保留摘要）"


class EvidenceKind(models.TextChoices):
    AUDIO_VIDEO = "av", "音像记录"
    ATTACHMENT = "attachment", "附件"
