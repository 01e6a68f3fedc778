from django.db import models


class SignatureStatus(models.TextChoices):
    SIGNED = "signed", "已签章"
    UNSIGNED = "unsigned", "未签章"


class DocumentStatus(models.TextChoices):
    """Where an issued document stands: the 文号 is taken first (``pending``, a short
    transaction), the PDF is rendered, sealed and ledgered after (``issued``). A render that
    fails leaves ``render_failed`` with its 文号 kept, to be retried (``sanxiang documents
    retry`` or the case's documents page)."""

    PENDING = "pending", "制作中"
    ISSUED = "issued", "已签发"
    RENDER_FAILED = "render_failed", "生成失败"
