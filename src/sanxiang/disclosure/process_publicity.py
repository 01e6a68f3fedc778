"""事中公示 (process publicity): services and selectors.

Which notices an agency must publish are its pack's ``phase = "during"`` items that have an
approver (the ones that are publications; 出示证件 on site is a duty, not a publication):
市人社局公示办法 第七条 — exam scores before a permit or confirmation based on them (第（一）项),
the early-retirement list before the confirmation (第（二）项), hearing announcements (第（三）项),
tender and auction notices (第（四）项), the eligible list before a lottery (第（五）项).

Personal data is minimised before anything is stored: a list keeps only the columns a notice
needs; a 姓名 column shows the surname (王某某 → 王某, 市人社局 第九条 "个人真实姓名隐去"), an
ID-number column only its last four characters (enough to tell two 王某 apart, as score lists
do), and columns for addresses, phones or bank accounts are refused; every other value goes
through the redaction of ``disclosure.redaction`` with the list's own names as known names.

Display period (公示期): the pack item's ``display_period`` when it sets one; otherwise an
announcement of an event (听证, 开标, 摇号) stays up until the event day; otherwise it stays up.
After its last day a notice leaves the public list but its page stays, marked 公示期满.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import agency_scope
from sanxiang.cases.gates import facts_of
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.cases.records import hearing_day
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.disclosure import notices, publishing
from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.disclosure.process_models import ProcessNotice
from sanxiang.disclosure.redaction import Kind, Known, find_spans, mask
from sanxiang.policy.schema import DisclosureItem
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry.models import Agency
from sanxiang.workdays.calendar import compute

_CITE = "市人社局行政执法公示办法 第七条"
HEARING_RECORDS = ("hearing_notice", "hearing_notification")
MAX_ROWS = 2000
_NAME_COLUMN = re.compile(r"姓名|名字|人员$")
_ID_COLUMN = re.compile(r"身份证|证件号|公民身份")
_REFUSED_COLUMN = re.compile(r"住址|地址|住所|电话|手机|联系方式|银行|账号|卡号|邮箱")


def notice_items(agency: Agency) -> list[DisclosureItem]:
    """The pack's 事中 items that are publications (they name an approver)."""
    disclosure = pack_for_agency(agency).model.disclosure
    return [
        i
        for i in (disclosure.items if disclosure else [])
        if i.phase == "during" and i.approver_role is not None
    ]


def _item(agency: Agency, item_id: str) -> DisclosureItem:
    for item in notice_items(agency):
        if item.id == item_id:
            return item
    raise RuleViolation(
        "本机关规则包没有这个事中公示事项", rule_id="process_notice_item", cite=_CITE
    )


# --------------------------------------------------------------------- minimising a list


def _cut_id(value: str) -> str:
    value = value.strip()
    return "*" * max(len(value) - 4, 0) + value[-4:] if value else ""


def minimise(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[list[str]]:
    """The list as it may be published: names masked, ID numbers cut, the rest redacted."""
    for column in columns:
        if _REFUSED_COLUMN.search(column):
            raise RuleViolation(
                f"事中公示名单不得包含“{column}”一列（个人信息只公开必要的部分）",
                rule_id="process_notice_minimise",
                cite="市人社局行政执法公示办法 第五条、第九条第二款",
            )
    name_cols = [i for i, c in enumerate(columns) if _NAME_COLUMN.search(c)]
    names = tuple(str(row[i]).strip() for row in rows for i in name_cols if i < len(row) and row[i])
    known = Known(names=names, numbers=(), addresses=(), keep=())
    cleaned: list[list[str]] = []
    for row in rows:
        if len(row) != len(columns):
            raise RuleViolation(
                "名单每行的列数应与表头一致", rule_id="process_notice_list", cite=_CITE
            )
        out = []
        for column, value in zip(columns, row, strict=True):
            value = str(value).strip()
            if _NAME_COLUMN.search(column):
                out.append(mask(value, "name") if value else "")
            elif _ID_COLUMN.search(column):
                out.append(_cut_id(value))
            else:
                out.append(publishing.redact_with(value, known))
        cleaned.append(out)
    return cleaned


# --------------------------------------------------------------------- creating notices


def create_notice(
    *,
    actor: User,
    agency: Agency,
    item_id: str,
    title: str,
    body: str = "",
    matter: str = "",
    event_at: dt.datetime | None = None,
    place: str = "",
    columns: Sequence[str] = (),
    rows: Sequence[Sequence[str]] = (),
    case: Case | None = None,
) -> ProcessNotice:
    """起草 a 事中公示 of one of the pack's during items (a list or an announcement)."""
    notices.require(actor, agency, *notices.EDITORS)
    item = _item(agency, item_id)
    if not title.strip() or len(rows) > MAX_ROWS or (rows and not columns):
        raise RuleViolation("请填写标题；名单需有表头", rule_id="process_notice", cite=item.cite)
    if case is not None and case.agency_id != agency.pk:
        raise NotInScope("没有这个案件")
    if event_at is not None and timezone.is_naive(event_at):
        raise RuleViolation("时间须带时区", rule_id="process_notice", cite=item.cite)
    known = _known_across(
        publishing.known_of(case) if case is not None else Known(),
        title,
        matter,
        place,
        body,
        *(str(v) for row in rows for v in row),
    )
    cleaned_rows = minimise(list(columns), rows)
    with transaction.atomic():
        notice = ProcessNotice.objects.create(
            agency=agency,
            item_id=item.id,
            item_label=item.label,
            cite=item.cite,
            approver_role=item.approver_role or "leader",
            case=case,
            title=publishing.redact_with(title.strip(), known),
            body=publishing.redact_with(body.strip(), known),
            matter=publishing.redact_with(matter.strip(), known),
            event_at=event_at,
            place=publishing.redact_with(place.strip(), known),
            columns=[c.strip() for c in columns],
            rows=cleaned_rows,
            before_stage=item.before_stage or "",
            created_by=actor,
            created_at=timezone.now(),
            ledger_index=0,
        )
        notice.ledger_index = notices.ledger(
            notice,
            "created",
            actor,
            case_number=case.number if case else "",
            rows=len(cleaned_rows),
        )
        notice.save(update_fields=["ledger_index"])
    return notice


def _known_across(known: Known, *texts: str) -> Known:
    """A name detected anywhere in the notice is removed everywhere in it: 当事人王小明 in the
    body makes 王小明 in the matter line a known name too (short fields lack the cue words)."""
    found = [
        text[s.start : s.end]
        for text in texts
        for s in find_spans(text, known)
        if s.kind == Kind.NAME and text[s.start : s.end] not in known.keep
    ]
    return replace(known, names=tuple(dict.fromkeys((*known.names, *found))))


def _hearing_record(case: Case) -> CaseRecord | None:
    return (
        case.records.filter(record_type__in=HEARING_RECORDS).order_by("-recorded_at", "-id").first()
    )


def hearing_notice_from_case(*, actor: User, case: Case, item_id: str) -> ProcessNotice:
    """听证公告 from the case's hearing notice record: time, place and matter (第七条第（三）项).

    Refused when the pack item's condition (e.g. ``public_hearing``) does not hold for the case.
    """
    item = _item(case.agency, item_id)
    pack = pack_for_agency(case.agency)
    if not pack.applies(item, facts_of(case)):
        raise RuleViolation(
            "该案件不需要发布听证公告（不公开听证）", rule_id="process_notice_item", cite=item.cite
        )
    record = _hearing_record(case)
    if record is None:
        raise RuleViolation(
            "案件尚无听证通知记录（听证时间、地点）", rule_id="process_notice", cite=item.cite
        )
    day = hearing_day(record.payload)
    raw = str(record.payload.get("hearing_at") or "")
    # A notice may give the day only (听证时间 as a date): the day is published, no hour made up.
    has_time = len(raw) > 10
    when: dt.datetime | None
    try:
        when = dt.datetime.fromisoformat(raw)
    except ValueError:
        when, has_time = (dt.datetime.combine(day, dt.time()) if day else None), False
    if when is not None and timezone.is_naive(when):
        when = timezone.make_aware(when)
    place = str(record.payload.get("place") or "")
    return create_notice(
        actor=actor,
        agency=case.agency,
        item_id=item.id,
        title=f"{case.agency.name}听证公告（{case.number}）",
        matter=case.title,
        event_at=when,
        place=place,
        body=(
            f"本机关定于{_when_text(when, has_time)}在{place}公开举行听证，听证事项：{case.title}。"
        ),
        case=case,
    )


def _when_text(when: dt.datetime | None, has_time: bool) -> str:
    if when is None:
        return "（时间另行通知）"
    local = timezone.localtime(when)
    day = f"{local.year}年{local.month}月{local.day}日"
    return f"{day}{local:%H:%M}" if has_time else day


# --------------------------------------------------------------------- display period


def display_end(notice: ProcessNotice, published_on: dt.date) -> tuple[dt.date | None, str]:
    """The last day a notice stays in the public list, and how that was worked out."""
    item = next((i for i in notice_items(notice.agency) if i.id == notice.item_id), None)
    period = item.display_period if item else None
    if period is not None:
        due = compute(published_on, period.amount, period.unit)
        return due.due, f"公示期{due.basis}（{period.cite}）"
    if notice.event_at is not None:
        day = timezone.localtime(notice.event_at).date()
        return day, f"公示至{day.year}年{day.month}月{day.day}日（事项实施之日；{notice.cite}）"
    return None, "规则包未规定公示期，持续公示"


def publish_notice(*, actor: User, notice: ProcessNotice) -> ProcessNotice:
    """公示 with its display period fixed from the publication day."""
    until, basis = display_end(notice, timezone.localdate())
    notice.display_until = until
    notice.display_basis = basis
    return notices.publish(
        actor=actor, notice=notice, extra_fields=("display_until", "display_basis")
    )


def correct_notice(
    *,
    actor: User,
    notice: ProcessNotice,
    reason: str,
    body: str | None = None,
    rows: Sequence[Sequence[str]] | None = None,
) -> ProcessNotice:
    """更正 a published notice; the previous version stays in its public history."""
    notices.require(actor, notice.agency, *notices.EDITORS)
    base = publishing.known_of(notice.case) if notice.case is not None else Known()
    known = _known_across(base, body or "", *(str(v) for row in rows or () for v in row))
    with transaction.atomic():
        notice = notices.lock(notice)
        notices.keep_version(
            notice,
            actor=actor,
            reason=reason,
            snapshot={"body": notice.body, "columns": notice.columns, "rows": notice.rows},
        )
        if body is not None:
            notice.body = publishing.redact_with(body.strip(), known)
        if rows is not None:
            notice.rows = minimise(notice.columns, rows)
        notice.save(update_fields=["body", "rows", "history", "version", "updated_at"])
    return notice


# --------------------------------------------------------------------- the case gate


def unpublished_before(case: Case, stage_key: str) -> list[str]:
    """Pack items that must be published before ``case`` enters ``stage_key``
    ("kind.procedure.stage") and have no published notice linked to the case.

    For the cases app's gates: exam scores before the permit decision (第七条第（一）项), the
    early-retirement list before the confirmation (第（二）项). Items whose condition does not hold
    for the case are not required.
    """
    pack = pack_for_agency(case.agency)
    facts = facts_of(case)
    missing = []
    for item in notice_items(case.agency):
        if item.before_stage != stage_key:
            continue
        try:
            applies = pack.applies(item, facts)
        except Exception:
            applies = True  # a condition that cannot be decided is read the strict way
        if not applies:
            continue
        published = ProcessNotice.objects.filter(
            agency=case.agency, item_id=item.id, case=case, status=NoticeStatus.PUBLISHED
        ).exists()
        if not published:
            missing.append(item.id)
    return missing


# --------------------------------------------------------------------- selectors


def _public() -> QuerySet[ProcessNotice]:
    return ProcessNotice.objects.filter(
        status__in=(NoticeStatus.PUBLISHED, NoticeStatus.WITHDRAWN)
    ).select_related("agency")


def listed_notices(*, agency: Agency | None = None, today: dt.date) -> QuerySet[ProcessNotice]:
    """Published and still within their display period (the public list)."""
    qs = _public().filter(status=NoticeStatus.PUBLISHED)
    qs = qs.filter(Q(display_until__isnull=True) | Q(display_until__gte=today))
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs.order_by("-published_at", "-id")


def ended_notices(*, agency: Agency | None = None, today: dt.date) -> QuerySet[ProcessNotice]:
    """公示期满 or withdrawn: off the list, still reachable (kept, not 404)."""
    qs = _public().filter(Q(status=NoticeStatus.WITHDRAWN) | Q(display_until__lt=today))
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs.order_by("-published_at", "-id")


def public_notice(pk: int) -> ProcessNotice:
    found = _public().filter(pk=pk).first()
    if found is None:
        raise NotInScope("没有这条事中公示信息")
    return found


def staff_notices(user: User) -> QuerySet[ProcessNotice]:
    scope = agency_scope(user)
    qs = ProcessNotice.objects.select_related("agency", "case")
    if scope is not None:
        qs = qs.filter(agency_id__in=scope)
    return qs.order_by("-created_at", "-id")


def staff_notice(user: User, pk: int) -> ProcessNotice:
    found = staff_notices(user).filter(pk=pk).first()
    if found is None:
        raise NotInScope("没有这条事中公示信息")
    return found


def is_expired(notice: ProcessNotice, today: dt.date) -> bool:
    return notice.display_until is not None and notice.display_until < today


def public_row(notice: ProcessNotice) -> dict[str, Any]:
    """The open-data form of a notice (only what the page shows)."""
    return {
        "id": notice.pk,
        "agency": notice.agency.name,
        "item": notice.item_label,
        "title": notice.title,
        "status": notice.status,
        "published_at": notice.published_at.isoformat() if notice.published_at else None,
        "display_until": notice.display_until.isoformat() if notice.display_until else None,
    }
