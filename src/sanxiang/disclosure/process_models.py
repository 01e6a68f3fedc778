"""事中公示 — process publicity (市人社局行政执法公示办法 第七条).

Before certain acts the agency publishes what the act will rest on: exam scores before a permit
or confirmation based on them (第（一）项), the list of people approved for early retirement
before the confirmation (第（二）项), hearing announcements with time, place and matter
(第（三）项), tender and auction notices (第（四）项), and the eligible list before a lottery
(第（五）项). Written only by ``disclosure.process_publicity``; only minimised, redacted values
are stored (names masked, ID numbers cut to their last four characters).
"""

from __future__ import annotations

from django.db import models

from sanxiang.disclosure.inspection_models import NoticeFields


class ProcessNotice(NoticeFields):
    """事中公示信息 — one notice for one pack ``phase = "during"`` item."""

    case = models.ForeignKey(
        "cases.Case",
        verbose_name="关联案件",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文（已去标识化）", blank=True)
    matter = models.CharField("事项", max_length=300, blank=True)
    event_at = models.DateTimeField("听证、开标、摇号等时间", null=True, blank=True)
    place = models.CharField("地点", max_length=300, blank=True)
    columns: models.JSONField[list[str]] = models.JSONField("名单列", default=list)
    rows: models.JSONField[list[list[str]]] = models.JSONField("名单（已去标识化）", default=list)
    # A stage (kind.procedure.stage) cases may enter only after this notice is published.
    before_stage = models.CharField("公示后方可进入的环节", max_length=120, blank=True)
    display_until = models.DateField("公示截止日", null=True, blank=True)
    display_basis = models.CharField("公示期说明", max_length=400, blank=True)

    class Meta:
        verbose_name = "事中公示信息"
        verbose_name_plural = "事中公示信息"
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return self.title
