"""The case aggregate: a case (案件), its parties, records, stage changes and deadlines.

Thin models: every write goes through :mod:`sanxiang.cases.services`, which checks the agency's
policy pack, locks the case row and appends a ledger entry in the same transaction. Every table
carries ``agency`` (DESIGN.md, storage and scale) so that scoping is one filter. Nothing here is
ever deleted: records are corrected by new records, and the ledger keeps the history.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from sanxiang.cases.choices import (
    CaseSource,
    CaseStatus,
    DeadlineMode,
    DeadlineStatus,
    PartyKind,
)


class CaseNumberCounter(models.Model):
    """The last 案号 sequence issued per agency and year.

    Locked with ``select_for_update`` while a case is opened, so numbers are gapless and never
    repeat: a rolled-back opening rolls the counter back with it.
    """

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = "案号计数器"
        verbose_name_plural = "案号计数器"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="cases_counter_agency_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Case(models.Model):
    """案件 — one matter handled under one procedure of the agency's policy pack.

    ``kind``/``procedure``/``stage`` are ids from the pack (``penalty``/``general``/``filing``);
    ``facts`` holds the pack's documented facts (``[facts]`` in ``national.toml``) that the pack's
    CEL conditions read. ``status`` is ``closed`` once the case enters a terminal stage.
    """

    agency = models.ForeignKey(
        "registry.Agency", verbose_name="执法主体", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField("案号", max_length=60)
    year = models.PositiveSmallIntegerField("案号年度")
    sequence = models.PositiveIntegerField("案号序号")
    kind = models.CharField("案件类型", max_length=40)
    procedure = models.CharField("适用程序", max_length=40)
    stage = models.CharField("当前环节", max_length=60)
    status = models.CharField(
        "状态", max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    source = models.CharField("案件来源", max_length=20, choices=CaseSource.choices)
    title = models.CharField("案由", max_length=200)
    facts: models.JSONField[dict[str, Any]] = models.JSONField("案件事实", default=dict)
    pack_version = models.CharField("适用规则包版本", max_length=40)
    officers = models.ManyToManyField(
        "registry.Officer",
        verbose_name="承办人",
        through="CaseOfficer",
        related_name="cases",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField("登记时间")
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "案件"
        verbose_name_plural = "案件"
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="cases_case_number"),
            models.UniqueConstraint(
                fields=["agency", "year", "sequence"], name="cases_case_sequence"
            ),
        ]
        indexes = [models.Index(fields=["agency", "status", "stage"])]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class CaseOfficer(models.Model):
    """承办人 — an officer of the case's own agency assigned to handle it."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assignments")
    officer = models.ForeignKey(
        "registry.Officer", on_delete=models.PROTECT, related_name="case_assignments"
    )
    is_lead = models.BooleanField("主办人", default=False)
    assigned_at = models.DateTimeField("指派时间")

    class Meta:
        verbose_name = "承办人"
        verbose_name_plural = "承办人"
        ordering = ["case_id", "-is_lead", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "officer"], name="cases_caseofficer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.officer_id}"


class Party(models.Model):
    """当事人 (申请人) — personal data: never published, redacted by the disclosure app."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="parties")
    kind = models.CharField("类型", max_length=20, choices=PartyKind.choices)
    name = models.CharField("姓名或者名称", max_length=200)
    id_number = models.CharField("身份证件号码或者统一社会信用代码", max_length=40, blank=True)
    address = models.CharField("住所或者地址", max_length=300, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    legal_representative = models.CharField("法定代表人或者负责人", max_length=100, blank=True)

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return self.name


class CaseRecord(models.Model):
    """文字记录 (and 音像记录 metadata) — one structured step of the whole-process record.

    ``record_type`` is a record id of the pack (``inquiry_record``); ``payload`` is validated per
    record type (``sanxiang.cases.records``). ``officers`` snapshots who was present with their
    certificate numbers on that day (行政处罚法 第四十二条), so later changes to the registry do
    not rewrite history. ``av`` holds the audio/video metadata where recording applies: device
    check, opening statement, interruptions with reasons, and the written explanation when
    recording had to stop. ``events`` are the pack events this record raised (``decision_made``).
    """

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="records")
    record_type = models.CharField("记录类型", max_length=60)
    label = models.CharField("记录名称", max_length=200)
    cite = models.CharField("依据", max_length=300, blank=True)
    stage = models.CharField("所处环节", max_length=60)
    payload: models.JSONField[dict[str, Any]] = models.JSONField("记录内容", default=dict)
    officers: models.JSONField[list[dict[str, Any]]] = models.JSONField(
        "在场执法人员（含执法证号）", default=list
    )
    av: models.JSONField[dict[str, Any] | None] = models.JSONField(
        "音像记录信息", null=True, blank=True
    )
    events: models.JSONField[list[str]] = models.JSONField("引发的事件", default=list)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("发生时间")
    # A record whose events take effect later than it is made: 公告送达 is deemed served thirty
    # days after the announcement starts (民事诉讼法 第九十五条). Empty: effective when recorded.
    # ``effect_ledger_index`` is the entry that applied the events; empty while still pending.
    effective_at = models.DateTimeField("生效时间（视为送达）", null=True, blank=True)
    effect_ledger_index = models.PositiveBigIntegerField("生效账本序号", null=True, blank=True)
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "执法记录"
        verbose_name_plural = "执法记录"
        ordering = ["case_id", "recorded_at", "id"]
        indexes = [models.Index(fields=["case", "record_type"])]

    def __str__(self) -> str:
        return f"{self.label}（{self.recorded_at:%Y-%m-%d}）"


class StageChange(models.Model):
    """环节变更 — a case moved from one stage to another under a pack transition."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="stage_changes")
    from_stage = models.CharField("原环节", max_length=60, blank=True)
    to_stage = models.CharField("新环节", max_length=60)
    transition = models.CharField("流转规则", max_length=100, blank=True)
    cite = models.CharField("依据", max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("时间")
    # Where the pack names an approver (立案 by the section head, 决定 by a leader), who approved
    # the change and in which role; empty for a change that needs no approval.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    approval_role = models.CharField("审批角色", max_length=20, blank=True)
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "环节变更"
        verbose_name_plural = "环节变更"
        ordering = ["case_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage or '—'} → {self.to_stage}"


class Deadline(models.Model):
    """期限 — one deadline rule of the pack running for one case.

    Created when the rule's trigger happens, computed by ``workdays``; ``explanation`` is the
    calendar's own account (start, unit, days skipped, basis) and ``computation`` the same as
    data. ``history`` lists every stop, resume and extension with what the due date was before.
    ``original_due`` is the first computed due date, ``due`` the one in force.
    """

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="deadlines")
    rule_id = models.CharField("期限规则", max_length=100)
    label = models.CharField("期限名称", max_length=300)
    cite = models.CharField("依据", max_length=300)
    trigger = models.CharField("起算事件", max_length=100)
    until = models.CharField("完成事件", max_length=100, blank=True)
    mode = models.CharField(
        "类型", max_length=20, choices=DeadlineMode.choices, default=DeadlineMode.WITHIN
    )
    on_miss = models.CharField("逾期处理", max_length=20, default="alert")
    triggered_at = models.DateTimeField("起算时间")
    amount = models.PositiveIntegerField("期限数")
    unit = models.CharField("单位", max_length=10)
    due = models.DateField("届满日")
    original_due = models.DateField("原届满日")
    provisional = models.BooleanField("暂定（节假日安排未公布）", default=False)
    explanation = models.TextField("计算说明")
    computation: models.JSONField[dict[str, Any]] = models.JSONField("计算过程", default=dict)
    stops_clock: models.JSONField[list[str]] = models.JSONField("不计入期限的情形", default=list)
    status = models.CharField(
        "状态", max_length=20, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    ended_at = models.DateTimeField("完成时间", null=True, blank=True)
    # While stopped: when its clock stopped. Overlapping stops keep the first start, so the
    # paused time is the union of the stops, never counted twice.
    stopped_at = models.DateTimeField("停止计时时间", null=True, blank=True)
    # The day its end event is scheduled to take effect (公告送达: deemed served on that day);
    # until then the deadline is neither overdue nor swept as missed.
    scheduled_end = models.DateField("预定完成日（视为送达日）", null=True, blank=True)
    extensions_used = models.PositiveSmallIntegerField("已延期次数", default=0)
    history: models.JSONField[list[dict[str, Any]]] = models.JSONField("变更记录", default=list)
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = "期限"
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["agency", "status", "due"])]

    def __str__(self) -> str:
        return f"{self.label}（{self.due.isoformat()}）"


class ClockStop(models.Model):
    """中止 / 不计入期限的期间 — a period that does not count towards deadlines.

    ``reason_id`` is ``suspension`` (中止 of the whole case: every running deadline stops) or a
    ``[clock_stops]`` id of the pack (``testing`` 鉴定, ``hearing`` 听证 …: only deadlines whose
    rule lists it stop). Approved by a named user; ``ended_at`` is empty while it lasts.
    """

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="clock_stops")
    reason_id = models.CharField("情形", max_length=60)
    reason = models.TextField("理由")
    cite = models.CharField("依据", max_length=300, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    approval_ref = models.CharField("批准文书", max_length=200, blank=True)
    started_at = models.DateTimeField("开始时间")
    ended_at = models.DateTimeField("结束时间", null=True, blank=True)
    end_reason = models.TextField("恢复理由", blank=True)
    deadlines = models.ManyToManyField(Deadline, verbose_name="停止计时的期限", blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    ledger_index = models.PositiveBigIntegerField("账本序号")
    end_ledger_index = models.PositiveBigIntegerField("恢复账本序号", null=True, blank=True)

    class Meta:
        verbose_name = "中止计时"
        verbose_name_plural = "中止计时"
        ordering = ["case_id", "started_at", "id"]

    def __str__(self) -> str:
        return f"{self.reason_id}（{self.started_at:%Y-%m-%d}）"

    @property
    def is_running(self) -> bool:
        return self.ended_at is None


class Extension(models.Model):
    """延期 — a deadline moved under its rule's ``extension`` with the approver's approval."""

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="extensions")
    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="extensions")
    amount = models.PositiveIntegerField("延长期限数")
    unit = models.CharField("单位", max_length=10)
    reason = models.TextField("理由")
    cite = models.CharField("依据", max_length=300)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    approval_ref = models.CharField("批准文书", max_length=200, blank=True)
    previous_due = models.DateField("原届满日")
    new_due = models.DateField("新届满日")
    explanation = models.TextField("计算说明")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("时间")
    ledger_index = models.PositiveBigIntegerField("账本序号")

    class Meta:
        verbose_name = "延期"
        verbose_name_plural = "延期"
        ordering = ["case_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.previous_due.isoformat()} → {self.new_due.isoformat()}"
