from django.db import models


class SignatureStatus(models.TextChoices):
    SIGNED = "signed", "已签章"
    UNSIGNED = "unsigned", "未签章"
