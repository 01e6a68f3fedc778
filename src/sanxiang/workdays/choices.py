"""Enumerations of the holiday table, with Chinese labels for the UI."""

from django.db import models


class DayKind(models.TextChoices):
    """What a notice says about one day."""

    OFF = "off", "放假"
    WORK = "work", "调休上班"
