"""行政执法统计年报 — the annual statistics report, computed from the platform's own records.

武汉市科技局公示办法 第九条 lists what the report holds: (一) 执法主体的名称和数量, (二) 执法岗位
设置数量及在岗执法人员数量, (三) 实施行政许可的情况以及人均办件量, (四) 行政检查计划执行情况以及
人均检查量、检查合格率, (五) 投诉、举报案件的受理量及分类办理结果, (六) 其他需要公示的统计数据 —
here 行政处罚 by type and amount, 法制审核 and the timeliness of 结果公示. It is due by 31 January
of the next year (the same 第九条; 国办发〔2018〕118号 sets the 统计年报 for every agency).

Every figure is read from one agency's rows only (the ``agency`` argument filters every query),
and the result holds counts, never a person: no party, officer or complainant is named.
The figures are plain JSON (ints and strings, no floats) so the same dict is stored, hashed,
rendered as HTML and PDF and served as open data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Sum
from django.utils import timezone

from sanxiang.cases.choices import CaseSource
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.disclosure.choices import PublicationStatus
from sanxiang.disclosure.models import Publication
from sanxiang.policy.loader import UnknownPack
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry.choices import DepartmentKind
from sanxiang.registry.models import (
    Agency,
    AuxiliaryStaff,
    Department,
    EnforcementPost,
    Officer,
)
from sanxiang.review.choices import SubmissionStatus
from sanxiang.review.models import Opinion, Submission

SHANGHAI = ZoneInfo("Asia/Shanghai")
SCHEMA = "sanxiang.annual-report/1"
REPORT_ID = "statistics_annual_report"
# Agencies whose pack names no 统计年报 still owe one: 国办发〔2018〕118号 asks every enforcement
# agency to publish the previous year's enforcement data by 31 January.
FALLBACK_DUE = (1, 31, "国办发〔2018〕118号 （行政执法统计年报制度，每年1月31日前公开上年度数据）")
NO_PLAN = "无检查计划数据"
DECISION_EVENT = "decision_made"
# The record that concludes an inspection, per the packs' inspection procedures.
INSPECTION_OUTCOMES = frozenset(
    {"inspection_conclusion", "inspection_opinion", "decision_document", "rectification_order"}
)
NOT_FILED_RECORDS = frozenset({"no_filing_notice"})
NOT_ACCEPTED_RECORDS = frozenset({"non_acceptance_decision"})


# --------------------------------------------------------------------- the deadline


@dataclass(frozen=True)
class Due:
    """When the report on ``year`` is due, and the rule that says so."""

    year: int
    due_on: dt.date
    item_id: str
    label: str
    cite: str

    def state(self, *, today: dt.date, published_on: dt.date | None) -> str:
        """published | published_late | overdue | due (not yet due counts as due)."""
        if published_on is not None:
            return "published" if published_on <= self.due_on else "published_late"
        return "overdue" if today > self.due_on else "due"


STATE_LABELS = {
    "published": "已按期公示",
    "published_late": "已公示（逾期）",
    "overdue": "已逾期未公示",
    "due": "待公示",
}


def due_for(agency: Agency, year: int) -> Due:
    """The report on ``year`` is due on the pack's date of ``year + 1`` (31 January)."""
    try:
        disclosure = pack_for_agency(agency).model.disclosure
    except UnknownPack:
        disclosure = None
    rule = next((r for r in (disclosure.reports if disclosure else []) if r.id == REPORT_ID), None)
    if rule is not None:
        return Due(
            year=year,
            due_on=dt.date(year + 1, rule.due_month, rule.due_day),
            item_id=rule.id,
            label="行政执法统计年报",
            cite=rule.cite,
        )
    month, day, cite = FALLBACK_DUE
    return Due(
        year=year,
        due_on=dt.date(year + 1, month, day),
        item_id=REPORT_ID,
        label="行政执法统计年报",
        cite=cite,
    )


# --------------------------------------------------------------------- helpers


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """[1 January 00:00, next 1 January 00:00) in Asia/Shanghai."""
    return (
        dt.datetime(year, 1, 1, tzinfo=SHANGHAI),
        dt.datetime(year + 1, 1, 1, tzinfo=SHANGHAI),
    )


def as_of(year: int, today: dt.date | None = None) -> dt.date:
    """The day the head counts are taken: 31 December, or today while the year runs."""
    today = today or timezone.localdate()
    return min(dt.date(year, 12, 31), today)


def ratio(numerator: int, denominator: int, *, places: int = 2) -> str:
    """``n / d`` as a decimal string ("—" when there is nothing to divide by)."""
    if denominator <= 0:
        return "—"
    value = Decimal(numerator) / Decimal(denominator)
    return str(value.quantize(Decimal(1).scaleb(-places)))


def percent(numerator: int, denominator: int) -> str:
    if denominator <= 0:
        return "—"
    value = Decimal(numerator * 100) / Decimal(denominator)
    return f"{value.quantize(Decimal('0.1'))}%"


def _amount(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)
    return amount if amount > 0 else Decimal(0)


def _rows(counter: Counter[str], order: Iterable[str]) -> list[dict[str, Any]]:
    """Ordered ``[{label, count}]``; labels outside ``order`` follow, largest first."""
    known = list(order)
    rest = sorted((k for k in counter if k not in known), key=lambda k: (-counter[k], k))
    return [{"label": k, "count": counter[k]} for k in [*known, *rest]]


def _kind_labels(agency: Agency) -> dict[tuple[str, str], str]:
    """(kind, procedure) → the pack's label, e.g. ("penalty", "simple") → 简易程序."""
    try:
        kinds = pack_for_agency(agency).model.case_kinds
    except UnknownPack:
        return {}
    return {(k, p): proc.label for k, kind in kinds.items() for p, proc in kind.procedures.items()}


@dataclass
class _CaseFacts:
    """What the year's records say about one case (loaded once, per agency)."""

    case: Case
    decided_at: dt.datetime | None = None  # the first decision record
    outcome: CaseRecord | None = None  # the last inspection outcome record
    outcome_types: frozenset[str] = frozenset()
    not_filed_at: dt.datetime | None = None
    not_accepted_at: dt.datetime | None = None


def _case_facts(agency: Agency, *, until: dt.datetime) -> dict[int, _CaseFacts]:
    """Every case of ``agency`` opened before ``until``, with what its records say up to then.

    Events are a JSON list; a ``contains`` lookup on it works on PostgreSQL but not SQLite, so
    the records are filtered here (one agency's records of one year: small).
    """
    found: dict[int, _CaseFacts] = {
        c.pk: _CaseFacts(case=c)
        for c in Case.objects.filter(agency=agency, opened_at__lt=until).order_by("id")
    }
    records = CaseRecord.objects.filter(
        agency=agency, case_id__in=list(found), recorded_at__lt=until
    ).order_by("recorded_at", "id")
    for record in records.only("id", "case_id", "record_type", "events", "payload", "recorded_at"):
        facts = found[record.case_id]
        if DECISION_EVENT in (record.events or []) and facts.decided_at is None:
            facts.decided_at = record.recorded_at
        if record.record_type in INSPECTION_OUTCOMES:
            facts.outcome = record
            facts.outcome_types = facts.outcome_types | {record.record_type}
        if record.record_type in NOT_FILED_RECORDS and facts.not_filed_at is None:
            facts.not_filed_at = record.recorded_at
        if record.record_type in NOT_ACCEPTED_RECORDS and facts.not_accepted_at is None:
            facts.not_accepted_at = record.recorded_at
    return found


def _within(moment: dt.datetime | None, start: dt.datetime, end: dt.datetime) -> bool:
    return moment is not None and start <= moment < end


# --------------------------------------------------------------------- (一) (二) who enforces


def subjects(agency: Agency) -> dict[str, Any]:
    """(一) 执法主体的名称和数量: the agency, and the sections that handle its cases."""
    departments = list(
        Department.objects.filter(
            agency=agency, is_active=True, kind=DepartmentKind.ENFORCEMENT
        ).values_list("name", flat=True)
    )
    return {
        "count": 1,
        "names": [agency.name],
        "subject_kind": agency.get_subject_kind_display(),
        "departments": departments,
        "department_count": len(departments),
    }


def staffing(agency: Agency, *, day: dt.date, until: dt.datetime) -> dict[str, Any]:
    """(二) 执法岗位设置数量及在岗执法人员数量 on ``day`` (31 December).

    在岗 = active, on the register before the year ended and holding a certificate valid that
    day (行政处罚法 第四十二条: only holders of a valid certificate enforce). The register keeps
    no history of who left during the year, so an officer deactivated since is not counted.
    """
    posts = EnforcementPost.objects.filter(agency=agency, is_active=True, created_at__lt=until)
    officers = [
        o
        for o in Officer.objects.filter(agency=agency, is_active=True, created_at__lt=until)
        if o.certificate_valid_on(day)
    ]
    return {
        "as_of": day.isoformat(),
        "posts": posts.count(),
        "post_headcount": int(posts.aggregate(n=Sum("headcount"))["n"] or 0),
        "officers_on_duty": len(officers),
        "officers_with_legal_qualification": sum(1 for o in officers if o.has_legal_qualification),
        "auxiliary_staff": AuxiliaryStaff.objects.filter(
            agency=agency, is_active=True, created_at__lt=until
        ).count(),
    }


# --------------------------------------------------------------------- (三) permits


def permits(
    cases: dict[int, _CaseFacts], *, start: dt.datetime, end: dt.datetime, officers: int
) -> dict[str, Any]:
    """(三) 实施行政许可的情况以及人均办件量 (办件 = a permit decided in the year)."""
    permit = [f for f in cases.values() if f.case.kind == "permit"]
    decided = [f for f in permit if _within(f.decided_at, start, end)]
    granted = sum(1 for f in decided if f.case.facts.get("permit_granted") is True)
    refused = sum(1 for f in decided if f.case.facts.get("permit_granted") is False)
    pending = sum(
        1
        for f in permit
        if f.decided_at is None
        and f.not_accepted_at is None
        and (f.case.closed_at is None or f.case.closed_at >= end)
    )
    return {
        "applications": sum(1 for f in permit if _within(f.case.opened_at, start, end)),
        "not_accepted": sum(1 for f in permit if _within(f.not_accepted_at, start, end)),
        "decided": len(decided),
        "granted": granted,
        "refused": refused,
        "other_decisions": len(decided) - granted - refused,
        "pending_at_year_end": pending,
        "per_officer": ratio(len(decided), officers),
    }


# --------------------------------------------------------------------- (四) inspections

# The outcome is read from the conclusion the officer wrote (the records hold free text). A
# negated finding is a pass even though it names 违法; a finding of a problem is a failure.
_PASS_NEGATIONS = ("未发现", "无违法", "未见", "没有发现", "不存在违法")
_FAIL_WORDS = ("不合格", "不符合", "违法", "违规", "责令", "整改", "改正", "立案", "移送", "处罚")
_PASS_WORDS = ("合格", "符合", "通过", "正常", "无问题")


def inspection_result(record: CaseRecord | None, outcome_types: frozenset[str]) -> str:
    """passed | failed | unclear for one concluded inspection (None: not concluded)."""
    if "rectification_order" in outcome_types:
        return "failed"  # 责令整改 means the inspection found a problem
    if record is None:
        return "unclear"
    explicit = record.payload.get("passed")
    if isinstance(explicit, bool):
        return "passed" if explicit else "failed"
    text = " ".join(
        str(record.payload.get(k, "")) for k in ("conclusion", "opinion", "measures", "summary")
    )
    if any(word in text for word in _PASS_NEGATIONS):
        return "passed"
    if any(word in text for word in _FAIL_WORDS):
        return "failed"
    if any(word in text for word in _PASS_WORDS):
        return "passed"
    return "unclear"


INSPECTION_LABELS = {"passed": "合格", "failed": "不合格（发现问题）", "unclear": "结论未载明"}


def plan_execution(agency: Agency, year: int) -> dict[str, Any]:
    """检查计划执行情况: the year's published plan against the 行政检查 cases opened in the year.

    ``inspection.plan_execution`` is the one definition (the plan pages use it too): planned =
    the plan lines' 对象基数 × 比例 × 频次; the cases do not say which line they belong to, so
    execution is measured in total. Without a published plan the report says so.
    """
    from sanxiang.disclosure.inspection import plan_execution as execution_of

    execution = execution_of(agency=agency, year=year)
    if execution.plan is None:
        return {"available": False, "note": NO_PLAN}
    lines = [
        {
            "matter": line.matter,
            "method": line.get_method_display(),
            "target_base": line.target_base,
            "ratio_percent": str(line.ratio_percent),
            "frequency": line.frequency,
            "planned": line.planned_count,
        }
        for line in execution.plan.lines.all()
    ]
    return {
        "available": True,
        "note": "",
        "lines": lines,
        "planned": execution.planned,
        "executed": execution.inspected,
        "execution_rate": percent(execution.inspected, execution.planned),
    }


def inspections(
    agency: Agency,
    year: int,
    cases: dict[int, _CaseFacts],
    *,
    start: dt.datetime,
    end: dt.datetime,
    officers: int,
) -> dict[str, Any]:
    """(四) 检查计划执行情况以及人均检查量、检查合格率.

    An inspection counts in the year its outcome record (检查结论, 检查意见, 决定书 or 责令整改)
    was made; 合格率 = 合格 / (合格 + 不合格), conclusions that say neither are shown apart.
    """
    inspection = [f for f in cases.values() if f.case.kind == "inspection"]
    concluded = [f for f in inspection if f.outcome and _within(f.outcome.recorded_at, start, end)]
    results = Counter(inspection_result(f.outcome, f.outcome_types) for f in concluded)
    judged = results["passed"] + results["failed"]
    return {
        "opened": sum(1 for f in inspection if _within(f.case.opened_at, start, end)),
        "concluded": len(concluded),
        "results": [
            {"key": k, "label": INSPECTION_LABELS[k], "count": results[k]}
            for k in ("passed", "failed", "unclear")
        ],
        "pass_rate": percent(results["passed"], judged),
        "per_officer": ratio(len(concluded), officers),
        "plan": plan_execution(agency, year),
    }


# --------------------------------------------------------------------- (五) complaints

COMPLAINT_ORDER = ("不予立案", "作出处理决定", "办结（未作出决定）", "年末办理中")


def complaints(
    cases: dict[int, _CaseFacts], *, start: dt.datetime, end: dt.datetime
) -> dict[str, Any]:
    """(五) 投诉、举报案件的受理量及分类办理结果 (as they stood at the end of the year)."""
    received = [
        f
        for f in cases.values()
        if f.case.source == CaseSource.COMPLAINT and _within(f.case.opened_at, start, end)
    ]
    outcomes: Counter[str] = Counter()
    for f in received:
        if f.not_filed_at is not None or f.case.stage == "not_filed":
            outcomes["不予立案"] += 1
        elif f.decided_at is not None:
            outcomes["作出处理决定"] += 1
        elif f.case.closed_at is not None and f.case.closed_at < end:
            outcomes["办结（未作出决定）"] += 1
        else:
            outcomes["年末办理中"] += 1
    return {"received": len(received), "by_outcome": _rows(outcomes, COMPLAINT_ORDER)}


# ------------------------------------------------------------- (六) penalties, reviews, 公示

PENALTY_TYPES = (
    ("fine", "罚款"),
    ("confiscation", "没收违法所得、没收非法财物"),
    ("license_revoked", "降低资质等级、吊销许可证件"),
    ("business_suspended", "责令停产停业、责令关闭、限制从业"),
    ("other", "警告、通报批评等其他处罚"),
)
FINE_BANDS = (
    (Decimal(1000), "1千元以下"),
    (Decimal(10000), "1千元至1万元"),
    (Decimal(50000), "1万元至5万元"),
    (None, "5万元以上"),
)


def _penalty_types(facts: dict[str, Any]) -> list[str]:
    """The kinds of penalty one decision imposed (处罚法 第九条), from the case's facts."""
    kinds = []
    if _amount(facts.get("fine_amount")) > 0:
        kinds.append("fine")
    if _amount(facts.get("confiscation_amount")) > 0:
        kinds.append("confiscation")
    if facts.get("license_revoked") is True:
        kinds.append("license_revoked")
    if facts.get("business_suspended") is True:
        kinds.append("business_suspended")
    return kinds or ["other"]


def _band(amount: Decimal) -> str:
    for limit, label in FINE_BANDS:
        if limit is None or amount <= limit:
            return label
    return FINE_BANDS[-1][1]


def penalties(
    cases: dict[int, _CaseFacts],
    labels: dict[tuple[str, str], str],
    *,
    start: dt.datetime,
    end: dt.datetime,
) -> dict[str, Any]:
    """行政处罚 decided in the year: by type (a decision may impose several), amount, procedure."""
    decided = [
        f for f in cases.values() if f.case.kind == "penalty" and _within(f.decided_at, start, end)
    ]
    types: Counter[str] = Counter()
    bands: Counter[str] = Counter()
    procedures: Counter[str] = Counter()
    fines = Decimal(0)
    confiscated = Decimal(0)
    for f in decided:
        facts = f.case.facts
        types.update(_penalty_types(facts))
        fine = _amount(facts.get("fine_amount"))
        if fine > 0:
            fines += fine
            bands[_band(fine)] += 1
        confiscated += _amount(facts.get("confiscation_amount"))
        procedures[labels.get((f.case.kind, f.case.procedure), f.case.procedure)] += 1
    type_labels = dict(PENALTY_TYPES)
    return {
        "decided": len(decided),
        "by_type": [
            {"key": k, "label": type_labels[k], "count": types[k]} for k, _ in PENALTY_TYPES
        ],
        "fine_total_yuan": f"{fines.quantize(Decimal('0.01'))}",
        "confiscation_total_yuan": f"{confiscated.quantize(Decimal('0.01'))}",
        "fine_bands": _rows(bands, [label for _, label in FINE_BANDS]),
        "by_procedure": _rows(procedures, []),
    }


def reviews(agency: Agency, *, start: dt.datetime, end: dt.datetime) -> dict[str, Any]:
    """重大执法决定法制审核 in the year: submissions and the opinions issued."""
    submissions = Submission.objects.filter(
        agency=agency, submitted_at__gte=start, submitted_at__lt=end
    ).exclude(status=SubmissionStatus.SUPERSEDED)
    opinions = Opinion.objects.filter(agency=agency, issued_at__gte=start, issued_at__lt=end)
    outcomes = Counter(opinions.values_list("outcome_label", flat=True))
    return {
        "submitted": submissions.count(),
        "returned": submissions.filter(status=SubmissionStatus.RETURNED).count(),
        "opinions": sum(outcomes.values()),
        "rereview_opinions": opinions.filter(is_rereview=True).count(),
        "by_outcome": _rows(outcomes, []),
    }


PUBLICATION_ORDER = ("按期公示", "逾期公示", "逾期未公示", "未到期待公示", "依法不予公开")


def publications(agency: Agency, year: int, *, day: dt.date) -> dict[str, Any]:
    """结果公示 of the year's decisions: published within the pack's limit or not, on ``day``."""
    rows = Publication.objects.filter(agency=agency, decided_on__year=year).only(
        "status", "due_on", "published_at", "withdrawn_at"
    )
    outcome: Counter[str] = Counter()
    withdrawn = 0
    for p in rows:
        if p.status == PublicationStatus.EXCLUDED:
            outcome["依法不予公开"] += 1
        elif p.published_at is not None:
            on = timezone.localtime(p.published_at).date()
            outcome["按期公示" if on <= p.due_on else "逾期公示"] += 1
        elif p.due_on < day:
            outcome["逾期未公示"] += 1
        else:
            outcome["未到期待公示"] += 1
        withdrawn += p.status == PublicationStatus.WITHDRAWN
    due = sum(outcome.values()) - outcome["依法不予公开"]
    return {
        "tasks": sum(outcome.values()),
        "by_outcome": _rows(outcome, PUBLICATION_ORDER),
        "on_time_rate": percent(outcome["按期公示"], due),
        "withdrawn": withdrawn,
    }


# --------------------------------------------------------------------- the report


def compute(agency: Agency, year: int, *, today: dt.date | None = None) -> dict[str, Any]:
    """The report on ``year`` for ``agency`` (JSON-ready; counts only, no personal data)."""
    start, end = year_bounds(year)
    day = as_of(year, today)
    due = due_for(agency, year)
    cases = _case_facts(agency, until=end)
    people = staffing(agency, day=day, until=end)
    officers = int(people["officers_on_duty"])
    return {
        "schema": SCHEMA,
        "title": f"{agency.name}{year}年度行政执法统计年报",
        "agency": {"slug": agency.slug, "name": agency.name},
        "year": year,
        "period": {"start": f"{year}-01-01", "end": f"{year}-12-31", "as_of": day.isoformat()},
        "complete": day == dt.date(year, 12, 31),
        "due": {"due_on": due.due_on.isoformat(), "cite": due.cite, "item_id": due.item_id},
        "subjects": subjects(agency),
        "staffing": people,
        "permits": permits(cases, start=start, end=end, officers=officers),
        "inspections": inspections(agency, year, cases, start=start, end=end, officers=officers),
        "complaints": complaints(cases, start=start, end=end),
        "penalties": penalties(cases, _kind_labels(agency), start=start, end=end),
        "reviews": reviews(agency, start=start, end=end),
        "publications": publications(agency, year, day=day),
    }
