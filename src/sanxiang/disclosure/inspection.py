"""执法检查计划 and 行政检查信息: services and selectors.

* The year's plan (每年一季度公示当年的执法检查计划信息: 武汉市科技局公示办法 第十条;
  市人社局公示办法 第八条第一款、第二款; 东西湖 三（一）1 明确执法检查计划信息) comes from the
  pack item ``inspection_plan``; its due date is the item's deadline (``year_ended`` of the
  previous year + 3 months = 31 March). Shown as due/overdue until published.
* Inspection information (行政检查信息应当按月或者按季度公示: 市人社局 第八条第三款;
  东西湖 三（一）3) comes from the pack's ``period`` items: one publication per period, computed
  from the period's 行政检查 cases. A period's information is due by the item's deadline after
  the period ends when the pack sets one, otherwise by the end of the following period (the
  seeds set no day; "按季度公示" read as: each quarter publishes the last one).
* :func:`plan_execution` is what the annual report (统计年报 第九条（四）: 检查计划执行情况) reads.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import agency_scope
from sanxiang.cases.choices import CaseStatus
from sanxiang.cases.models import Case, CaseOfficer
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.disclosure import notices, publishing
from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.disclosure.inspection_models import InspectionInfo, InspectionPlan, InspectionPlanLine
from sanxiang.policy.schema import DisclosureItem
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry.choices import InspectionMethod
from sanxiang.registry.models import Agency
from sanxiang.workdays.calendar import compute

PLAN_ITEM = "inspection_plan"
INSPECTION_KIND = "inspection"
# Record types that mean the inspection found a problem to put right (责令改正).
RECTIFICATION_RECORDS = frozenset({"rectification_order"})
_CITE = notices.CITE


# --------------------------------------------------------------------- the pack's items


def plan_item(agency: Agency) -> DisclosureItem | None:
    disclosure = pack_for_agency(agency).model.disclosure
    items = [i for i in (disclosure.items if disclosure else []) if i.id == PLAN_ITEM]
    return items[0] if items else None


def info_items(agency: Agency) -> list[DisclosureItem]:
    """The pack items published per period from 行政检查 cases (按月或者按季度)."""
    disclosure = pack_for_agency(agency).model.disclosure
    return [i for i in (disclosure.items if disclosure else []) if i.period is not None]


def plan_due(agency: Agency, year: int) -> tuple[dt.date | None, str]:
    """The plan's due date: the pack deadline from 31 December of the year before (3 months)."""
    item = plan_item(agency)
    if item is None or item.deadline is None:
        return None, "规则包未规定公示期限"
    due = compute(dt.date(year - 1, 12, 31), item.deadline.amount, item.deadline.unit)
    label = item.deadline.label or item.label
    return due.due, f"{label}：{due.basis}（{item.deadline.cite}）"


def period_bounds(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The month, quarter or year that contains ``day``."""
    if period == "month":
        first_month, months = day.month, 1
    elif period == "quarter":
        first_month, months = 3 * ((day.month - 1) // 3) + 1, 3
    else:
        first_month, months = 1, 12
    last_month = first_month + months - 1
    end = dt.date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])
    return dt.date(day.year, first_month, 1), end


def info_due(item: DisclosureItem, period_end: dt.date) -> tuple[dt.date, str]:
    if item.deadline is not None:
        due = compute(period_end, item.deadline.amount, item.deadline.unit)
        return due.due, f"{item.deadline.label or item.label}：{due.basis}"
    assert item.period is not None
    _, next_end = period_bounds(item.period, period_end + dt.timedelta(days=1))
    word = {"month": "月", "quarter": "季度", "year": "年度"}[item.period]
    return (
        next_end,
        f"按{word}公示：本期信息至迟于下一{word}末（{next_end:%Y-%m-%d}）公示（{item.cite}）",
    )


# --------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class PlanLineInput:
    """One line of the plan as staff enter it; ``times`` is how often a year (频次)."""

    matter: str
    method: str
    targets: str
    target_base: int
    ratio_percent: Decimal
    frequency: str
    times: int = 1
    subject: str = ""


def planned_count(target_base: int, ratio_percent: Decimal, times: int) -> int:
    """计划检查户次: 管理对象基数 × 检查比例, rounded up, × 频次 (times a year)."""
    return math.ceil(Decimal(target_base) * ratio_percent / 100) * times


def _check_lines(lines: Sequence[PlanLineInput]) -> None:
    if not lines:
        raise RuleViolation("检查计划至少包含一个检查事项", rule_id="inspection_plan", cite=_CITE)
    for line in lines:
        if (
            not line.matter.strip()
            or not line.targets.strip()
            or not line.frequency.strip()
            or line.method not in InspectionMethod.values
            or line.target_base < 1
            or not (Decimal(0) < line.ratio_percent <= Decimal(100))
            or line.times < 1
        ):
            raise RuleViolation(
                "请完整填写检查事项、检查方式、检查对象、管理对象基数、检查比例（0–100%）和频次",
                rule_id="inspection_plan",
                cite=_CITE,
            )


def _write_lines(plan: InspectionPlan, lines: Sequence[PlanLineInput]) -> None:
    for position, line in enumerate(lines, start=1):
        InspectionPlanLine.objects.create(
            agency=plan.agency,
            plan=plan,
            position=position,
            subject=line.subject.strip() or plan.agency.name,
            matter=line.matter.strip(),
            method=line.method,
            targets=line.targets.strip(),
            target_base=line.target_base,
            ratio_percent=line.ratio_percent,
            frequency=line.frequency.strip(),
            planned_count=planned_count(line.target_base, line.ratio_percent, line.times),
        )


def create_plan(
    *, actor: User, agency: Agency, year: int, lines: Sequence[PlanLineInput], note: str = ""
) -> InspectionPlan:
    """起草 the year's plan (one per agency and year), due as the pack's item says."""
    notices.require(actor, agency, *notices.EDITORS)
    item = plan_item(agency)
    if item is None:
        raise RuleViolation(
            "本机关规则包未要求公示年度执法检查计划", rule_id="inspection_plan", cite=_CITE
        )
    _check_lines(lines)
    due_on, basis = plan_due(agency, year)
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        if InspectionPlan.objects.filter(agency=agency, year=year).exists():
            raise RuleViolation(
                f"{year}年度检查计划已存在", rule_id="inspection_plan", cite=item.cite
            )
        plan = InspectionPlan.objects.create(
            agency=agency,
            year=year,
            item_id=item.id,
            item_label=item.label,
            cite=item.cite,
            approver_role=item.approver_role or "leader",
            # A plan with no pack deadline is due by the end of its year at the latest.
            due_on=due_on or dt.date(year, 12, 31),
            due_basis=basis,
            note=note.strip(),
            created_by=actor,
            created_at=timezone.now(),
            ledger_index=0,
        )
        _write_lines(plan, lines)
        plan.ledger_index = notices.ledger(
            plan,
            "created",
            actor,
            year=year,
            due_on=plan.due_on.isoformat(),
            planned=plan.planned_total,
        )
        plan.save(update_fields=["ledger_index"])
    return plan


def replace_plan_lines(
    *, actor: User, plan: InspectionPlan, lines: Sequence[PlanLineInput], reason: str = ""
) -> InspectionPlan:
    """Edit a draft plan, or 更正 a published one (the published lines kept in its history)."""
    notices.require(actor, plan.agency, *notices.EDITORS)
    _check_lines(lines)
    with transaction.atomic():
        plan = notices.lock(plan)
        if plan.status == NoticeStatus.PUBLISHED:
            notices.keep_version(
                plan, actor=actor, reason=reason, snapshot={"lines": _line_rows(plan)}
            )
        elif plan.status != NoticeStatus.DRAFT:
            raise RuleViolation(
                "只有编辑中或已公示的计划可以修改", rule_id="inspection_plan", cite=_CITE
            )
        else:
            notices.ledger(plan, "edited", actor, lines=len(lines))
        # Lines are rows of the plan's current version; the old ones live on in ``history``.
        InspectionPlanLine.objects.filter(plan=plan).delete()
        _write_lines(plan, lines)
        plan.save(update_fields=["history", "version", "updated_at"])
    return plan


def _line_rows(plan: InspectionPlan) -> list[dict[str, Any]]:
    return [
        {
            "检查主体": line.subject,
            "检查事项": line.matter,
            "检查方式": line.get_method_display(),
            "检查对象": line.targets,
            "管理对象基数": line.target_base,
            "检查比例": f"{line.ratio_percent}%",
            "检查频次": line.frequency,
            "计划检查户次": line.planned_count,
        }
        for line in plan.lines.all()
    ]


# --------------------------------------------------------------------- execution


def inspection_cases(agency: Agency, start: dt.date, end: dt.date) -> QuerySet[Case]:
    """行政检查 cases opened from ``start`` to ``end`` inclusive (Asia/Shanghai days)."""
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return Case.objects.filter(
        agency=agency, kind=INSPECTION_KIND, opened_at__gte=since, opened_at__lt=until
    )


@dataclass(frozen=True)
class PlanExecution:
    """检查计划执行情况 of one agency and year (统计年报: 武汉市科技局公示办法 第九条（四）)."""

    year: int
    plan: InspectionPlan | None
    planned: int  # 计划检查户次 (sum over the published plan's lines; 0 without a plan)
    inspected: int  # 行政检查 cases opened in the year
    concluded: int  # of those, closed
    rectification: int  # of those, with a 责令改正 order
    officers: int  # distinct officers on those cases

    @property
    def rate(self) -> Decimal | None:
        """执行率 = inspected / planned, as a fraction (None without a plan)."""
        if not self.planned:
            return None
        return (Decimal(self.inspected) / Decimal(self.planned)).quantize(Decimal("0.0001"))

    @property
    def pass_rate(self) -> Decimal | None:
        """检查合格率 = concluded without 责令改正 / concluded."""
        if not self.concluded:
            return None
        passed = self.concluded - self.rectification
        return (Decimal(passed) / Decimal(self.concluded)).quantize(Decimal("0.0001"))

    @property
    def per_officer(self) -> Decimal | None:
        """人均检查量."""
        if not self.officers:
            return None
        return (Decimal(self.inspected) / Decimal(self.officers)).quantize(Decimal("0.01"))


def _case_figures(cases: QuerySet[Case]) -> tuple[int, int, int, int]:
    ids = list(cases.values_list("pk", flat=True))
    concluded = cases.filter(status=CaseStatus.CLOSED).count()
    rectified = (
        cases.filter(status=CaseStatus.CLOSED, records__record_type__in=RECTIFICATION_RECORDS)
        .distinct()
        .count()
    )
    officers = CaseOfficer.objects.filter(case_id__in=ids).values("officer_id")
    return len(ids), concluded, rectified, officers.distinct().count()


def plan_execution(*, agency: Agency, year: int) -> PlanExecution:
    """How the year's plan was carried out: planned vs. 行政检查 cases of the year.

    For the annual statistics report (年报 第九条（四）: 检查计划执行情况、人均检查量、检查合格率).
    Only a published plan counts as a plan; cases are counted by the day they were opened.
    """
    plan = (
        InspectionPlan.objects.filter(
            agency=agency,
            year=year,
            status__in=(NoticeStatus.PUBLISHED, NoticeStatus.WITHDRAWN),
        )
        .prefetch_related("lines")
        .first()
    )
    if plan is not None and plan.status == NoticeStatus.WITHDRAWN:
        plan = None
    cases = inspection_cases(agency, dt.date(year, 1, 1), dt.date(year, 12, 31))
    inspected, concluded, rectified, officers = _case_figures(cases)
    return PlanExecution(
        year=year,
        plan=plan,
        planned=plan.planned_total if plan else 0,
        inspected=inspected,
        concluded=concluded,
        rectification=rectified,
        officers=officers,
    )


# --------------------------------------------------------------------- periodic information


def _conclusion(case: Case) -> str:
    if case.status != CaseStatus.CLOSED:
        return "办理中"
    types = {r.record_type for r in case.records.all()}
    return "责令改正" if types & RECTIFICATION_RECORDS else "检查结束，未责令改正"


def compute_info(agency: Agency, start: dt.date, end: dt.date) -> tuple[dict[str, Any], list[Any]]:
    """The figures and the list of one period; 检查对象 as 市人社局 第九条 allows (个人隐去姓名)."""
    cases = inspection_cases(agency, start, end).prefetch_related("parties", "records")
    inspected, concluded, rectified, officers = _case_figures(cases)
    rows = [
        {
            "number": case.number,
            "target": publishing.party_display(case),
            "matter": publishing.redact_with(case.title, publishing.known_of(case)),
            "conclusion": _conclusion(case),
            "opened_on": timezone.localtime(case.opened_at).date().isoformat(),
        }
        for case in cases.order_by("opened_at", "id")
    ]
    figures = {
        "inspected": inspected,
        "concluded": concluded,
        "rectification": rectified,
        "officers": officers,
    }
    return figures, rows


def open_info(*, actor: User, agency: Agency, item_id: str, day: dt.date) -> InspectionInfo:
    """Prepare (or recompute, while a draft) the information of the period containing ``day``."""
    notices.require(actor, agency, *notices.EDITORS)
    items = {i.id: i for i in info_items(agency)}
    if item_id not in items:
        raise RuleViolation(
            "本机关规则包没有按期公示的检查信息事项", rule_id="inspection_info", cite=_CITE
        )
    item = items[item_id]
    assert item.period is not None
    start, end = period_bounds(item.period, day)
    if start > timezone.localdate():
        raise RuleViolation("该周期尚未开始", rule_id="inspection_info", cite=item.cite)
    figures, rows = compute_info(agency, start, end)
    due_on, basis = info_due(item, end)
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        info = InspectionInfo.objects.filter(agency=agency, item_id=item_id, period_start=start)
        existing = info.first()
        if existing is not None:
            if existing.status != NoticeStatus.DRAFT:
                raise RuleViolation(
                    "该周期的检查信息已提交或已公示（已公示的请用更正）",
                    rule_id="inspection_info",
                    cite=item.cite,
                )
            existing.figures, existing.rows = figures, rows
            notices.ledger(existing, "recomputed", actor, inspected=figures["inspected"])
            existing.save(update_fields=["figures", "rows", "updated_at"])
            return existing
        created = InspectionInfo.objects.create(
            agency=agency,
            item_id=item.id,
            item_label=item.label,
            cite=item.cite,
            approver_role=item.approver_role or "leader",
            period=item.period,
            period_start=start,
            period_end=end,
            due_on=due_on,
            due_basis=basis,
            figures=figures,
            rows=rows,
            created_by=actor,
            created_at=timezone.now(),
            ledger_index=0,
        )
        created.ledger_index = notices.ledger(
            created,
            "created",
            actor,
            period_start=start.isoformat(),
            period_end=end.isoformat(),
            due_on=due_on.isoformat(),
            inspected=figures["inspected"],
        )
        created.save(update_fields=["ledger_index"])
    return created


@dataclass(frozen=True)
class DuePeriod:
    item_id: str
    label: str
    start: dt.date
    end: dt.date
    due_on: dt.date
    basis: str
    info: InspectionInfo | None

    def overdue_on(self, today: dt.date) -> bool:
        published = self.info is not None and self.info.status == NoticeStatus.PUBLISHED
        return not published and today > self.due_on


def due_periods(*, agency: Agency, today: dt.date, count: int = 4) -> list[DuePeriod]:
    """The last ``count`` finished periods of each period item, with their information if any."""
    found: list[DuePeriod] = []
    for item in info_items(agency):
        assert item.period is not None
        start, _ = period_bounds(item.period, today)
        for _ in range(count):
            start, end = period_bounds(item.period, start - dt.timedelta(days=1))
            due_on, basis = info_due(item, end)
            info = InspectionInfo.objects.filter(
                agency=agency, item_id=item.id, period_start=start
            ).first()
            found.append(DuePeriod(item.id, item.label, start, end, due_on, basis, info))
    return found


# --------------------------------------------------------------------- selectors


def public_plans(*, agency: Agency) -> QuerySet[InspectionPlan]:
    return (
        InspectionPlan.objects.filter(
            agency=agency, status__in=(NoticeStatus.PUBLISHED, NoticeStatus.WITHDRAWN)
        )
        .prefetch_related("lines")
        .order_by("-year")
    )


def public_infos(*, agency: Agency) -> QuerySet[InspectionInfo]:
    return InspectionInfo.objects.filter(
        agency=agency, status__in=(NoticeStatus.PUBLISHED, NoticeStatus.WITHDRAWN)
    ).order_by("-period_start")


def public_plan(pk: int) -> InspectionPlan:
    found = (
        InspectionPlan.objects.filter(
            pk=pk, status__in=(NoticeStatus.PUBLISHED, NoticeStatus.WITHDRAWN)
        )
        .select_related("agency")
        .prefetch_related("lines")
        .first()
    )
    if found is None:
        raise NotInScope("没有这份检查计划")
    return found


def public_info(pk: int) -> InspectionInfo:
    found = (
        InspectionInfo.objects.filter(
            pk=pk, status__in=(NoticeStatus.PUBLISHED, NoticeStatus.WITHDRAWN)
        )
        .select_related("agency")
        .first()
    )
    if found is None:
        raise NotInScope("没有这期检查信息")
    return found


def staff_plans(user: User) -> QuerySet[InspectionPlan]:
    scope = agency_scope(user)
    qs = InspectionPlan.objects.select_related("agency").prefetch_related("lines")
    if scope is not None:
        qs = qs.filter(agency_id__in=scope)
    return qs.order_by("-year", "agency_id")


def staff_infos(user: User) -> QuerySet[InspectionInfo]:
    scope = agency_scope(user)
    qs = InspectionInfo.objects.select_related("agency")
    if scope is not None:
        qs = qs.filter(agency_id__in=scope)
    return qs.order_by("-period_start", "agency_id")


def plan_status(agency: Agency, year: int, today: dt.date) -> dict[str, Any]:
    """For the staff list and the portal: is this year's plan due, overdue or published?"""
    due_on, basis = plan_due(agency, year)
    plan = InspectionPlan.objects.filter(agency=agency, year=year).first()
    published = plan is not None and plan.status == NoticeStatus.PUBLISHED
    return {
        "year": year,
        "plan": plan,
        "due_on": due_on,
        "basis": basis,
        "required": plan_item(agency) is not None,
        "published": published,
        "overdue": bool(due_on and not published and today > due_on),
    }
