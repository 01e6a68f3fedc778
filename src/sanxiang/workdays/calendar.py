"""Working-day, calendar-day and month arithmetic over the holiday table. Pure Python.

Every function returns a :class:`DueDate` that says how it was computed: the due date, the days
skipped and why, the citation, and whether the result is *provisional* because a day it had to
look at lies outside the official holiday table (then Monday–Friday is assumed; the deadline is
recomputed once the year is loaded, DESIGN.md "Time").

The rules:

* ``workday`` — "N 个工作日": the N-th working day after the trigger day. The trigger day is not
  counted even when it is a holiday (民事诉讼法 第八十五条第二款). ``chinese_calendar.find_workday``
  counts a holiday start as day zero and so is one day early; we do not use it.
* ``day`` — "N 日": N calendar days after the trigger day; a last day that is a rest day runs to
  the next working day (民事诉讼法 第八十五条第三款, applied through 行政处罚法 第六十一条).
  Weekends count as rest days; a weekend day worked by notice (调休上班) does not.
* ``month`` — "N 个月": the same day of the month N months later, or the month's last day when it
  has none (民法典 第二百零二条), then the same rest-day rule.

``compute(start, amount, unit)`` is the one entry point other apps use; ``default_calendar()``
is the table in force (repository data plus years loaded into the database, see ``apps.py``).
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sanxiang.workdays.table import WEEKDAY_NAMES, DayStatus, HolidayTable, repository_table

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Upper bounds that no real limit reaches; they keep a typo from looping for minutes.
MAX_AMOUNT = {"workday": 3660, "day": 36600, "month": 1200}

CITE_START = "《中华人民共和国民事诉讼法》第八十五条第二款：“期间开始的时和日，不计算在期间内。”"
CITE_LAST_DAY = (
    "《中华人民共和国民事诉讼法》第八十五条第三款：“期间届满的最后一日是法定休假日的，"
    "以法定休假日后的第一日为期间届满的日期。”（经《中华人民共和国行政处罚法》第六十一条适用）"
)
CITE_MONTH = (
    "《中华人民共和国民法典》第二百零二条：“按照年、月计算期间的，到期月的对应日为期间的最后一日；"
    "没有对应日的，月末日为期间的最后一日。”"
)


class Unit(StrEnum):
    """期限单位 — the unit of a deadline rule in a policy pack."""

    WORKDAY = "workday"
    DAY = "day"
    MONTH = "month"

    @property
    def label(self) -> str:
        return {"workday": "个工作日", "day": "日", "month": "个月"}[self.value]


class Skipped(NamedTuple):
    """A day not counted (or run past), with the reason in Chinese."""

    day: dt.date
    reason: str


@dataclass(frozen=True, eq=True)
class DueDate:
    """The result of a deadline computation, with everything needed to show how it was reached."""

    start: dt.date
    amount: int
    unit: Unit
    due: dt.date
    provisional: bool
    skipped: list[Skipped] = field(default_factory=list)
    basis: str = ""
    # Weekend days counted as working days because a notice moved work onto them (调休上班).
    adjusted: list[Skipped] = field(default_factory=list)

    __hash__ = None  # type: ignore[assignment]  # lists inside: not hashable

    def as_json(self) -> dict[str, Any]:
        """Exactly the shape ``sanxiang workdays add --json`` prints."""
        return {
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "skipped": [{"date": s.day.isoformat(), "reason": s.reason} for s in self.skipped],
            "basis": self.basis,
        }

    def explain(self) -> str:
        """A few lines of Chinese for a person: the due date, the days skipped and the basis."""
        lines = [
            f"起算日 {self.start.isoformat()}（{WEEKDAY_NAMES[self.start.weekday()]}），"
            f"期限 {self.amount} {self.unit.label}，"
            f"届满日 {self.due.isoformat()}（{WEEKDAY_NAMES[self.due.weekday()]}）"
        ]
        if self.provisional:
            lines.append("【暂定】计算涉及尚未公布节假日安排的日期，已按周一至周五为工作日推算；")
            lines.append("       国务院办公厅公布该年节假日安排并载入后应重新计算。")
        verb = "跳过" if self.unit is Unit.WORKDAY else "顺延经过"
        notes = [(day, f"{verb} {day.isoformat()}：{reason}") for day, reason in self.skipped]
        notes += [(day, f"计入 {day.isoformat()}：{reason}") for day, reason in self.adjusted]
        lines.extend(f"  {text}" for _, text in sorted(notes))
        lines.append(f"依据：{self.basis}")
        return "\n".join(lines)


@dataclass(frozen=True)
class WorkdayCount:
    """The number of working days in (first, last]; negative when ``last`` is before ``first``."""

    first: dt.date
    last: dt.date
    count: int
    provisional: bool
    skipped: list[Skipped]
    basis: str

    def explain(self) -> str:
        lines = [
            f"{self.first.isoformat()}（不计入）至 {self.last.isoformat()}：{self.count} 个工作日"
        ]
        if self.provisional:
            lines.append("【暂定】部分日期的节假日安排尚未公布，已按周一至周五为工作日推算。")
        lines.extend(f"  不计 {day.isoformat()}：{reason}" for day, reason in self.skipped)
        lines.append(f"依据：{self.basis}")
        return "\n".join(lines)


def as_local_date(value: dt.date) -> dt.date:
    """A trigger may be a date or an aware datetime; a datetime counts by its Shanghai date."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("起算时间须带时区 / the start datetime must be timezone-aware")
        return value.astimezone(SHANGHAI).date()
    if not isinstance(value, dt.date):
        raise TypeError(f"起算日应为日期 / start must be a date, not {type(value).__name__}")
    return value


def _check_amount(amount: int, unit: Unit) -> None:
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError(f"期限应为整数 / amount must be an int, not {type(amount).__name__}")
    if amount < 0:
        raise ValueError(f"期限不能为负数：{amount} / amount must not be negative")
    if amount > MAX_AMOUNT[unit.value]:
        raise ValueError(
            f"期限过长：{amount} {unit.label} / amount {amount} exceeds {MAX_AMOUNT[unit.value]}"
        )


def _table_note(table: HolidayTable, first: dt.date, last: dt.date, provisional: bool) -> str:
    notices = table.notices_for(first, last)
    note = "节假日及调休依" + "、".join(f"《{n}》" for n in notices) if notices else ""
    if provisional:
        gap = (
            f"超出节假日安排表（{table.first_year}–{table.last_year} 年）的日期"
            "按周一至周五为工作日推算，结果为暂定"
        )
        note = f"{note}；{gap}" if note else gap
    return note


def _join(*parts: str) -> str:
    return "；".join(p for p in parts if p) + "。"


def _run_to_workday(table: HolidayTable, last: dt.date) -> tuple[dt.date, list[Skipped], bool]:
    """民事诉讼法 第八十五条第三款: a last day that is a rest day moves to the next working day.

    法定休假日 is read, as courts do, to include the weekly rest days (公休日), but not a weekend
    day that a notice made a working day (调休上班): that day the agency is open.
    """
    skipped: list[Skipped] = []
    day = last
    status = table.status(day)
    provisional = not status.known
    while not status.workday:
        skipped.append(Skipped(day, status.reason))
        day += dt.timedelta(days=1)
        status = table.status(day)
        provisional = provisional or not status.known
    return day, skipped, provisional


def add_workdays(start: dt.date, n: int, *, table: HolidayTable | None = None) -> DueDate:
    """The n-th working day after ``start`` (start not counted, even when it is a holiday)."""
    table = table or default_calendar()
    start = as_local_date(start)
    _check_amount(n, Unit.WORKDAY)
    day, counted = start, 0
    skipped: list[Skipped] = []
    adjusted: list[Skipped] = []
    provisional = False
    while counted < n:
        day += dt.timedelta(days=1)
        status = table.status(day)
        provisional = provisional or not status.known
        if status.workday:
            counted += 1
            if status.adjusted:
                adjusted.append(Skipped(day, status.reason))
        else:
            skipped.append(Skipped(day, status.reason))
    method = (
        f"按工作日计算：自起算日 {start.isoformat()} 的次日起数第 {n} 个工作日，"
        "法定节假日和休息日不计入，调休上班日计入"
        if n
        else "期限为 0 个工作日：当日届满"
    )
    basis = _join(method, CITE_START, _table_note(table, start, day, provisional) if n else "")
    return DueDate(start, n, Unit.WORKDAY, day, provisional, skipped, basis, adjusted)


def add_days(start: dt.date, n: int, *, table: HolidayTable | None = None) -> DueDate:
    """``start`` + n calendar days; a last day that is a rest day runs to the next working day."""
    table = table or default_calendar()
    start = as_local_date(start)
    _check_amount(n, Unit.DAY)
    if n == 0:
        return DueDate(start, 0, Unit.DAY, start, False, [], _join("期限为 0 日：当日届满"))
    nominal = start + dt.timedelta(days=n)
    due, skipped, provisional = _run_to_workday(table, nominal)
    method = f"按自然日计算：自起算日 {start.isoformat()} 的次日起算 {n} 日，最后一日为 {nominal}"
    if skipped:
        method += f"，该日为休息日，顺延至 {due.isoformat()}"
    basis = _join(method, CITE_START, CITE_LAST_DAY, _table_note(table, nominal, due, provisional))
    return DueDate(start, n, Unit.DAY, due, provisional, skipped, basis)


def _shift_months(start: dt.date, n: int) -> dt.date:
    index = start.year * 12 + start.month - 1 + n
    year, month = divmod(index, 12)
    last = _stdlib_calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(start.day, last))


def add_months(start: dt.date, n: int, *, table: HolidayTable | None = None) -> DueDate:
    """The same day n months later (month end when there is none), then the rest-day rule."""
    table = table or default_calendar()
    start = as_local_date(start)
    _check_amount(n, Unit.MONTH)
    if n == 0:
        return DueDate(start, 0, Unit.MONTH, start, False, [], _join("期限为 0 个月：当日届满"))
    nominal = _shift_months(start, n)
    due, skipped, provisional = _run_to_workday(table, nominal)
    method = f"按月计算：{start.isoformat()} 起 {n} 个月，到期月的对应日为 {nominal.isoformat()}"
    if nominal.day != start.day:
        method += "（到期月没有对应日，取月末日）"
    if skipped:
        method += f"，该日为休息日，顺延至 {due.isoformat()}"
    basis = _join(method, CITE_MONTH, CITE_LAST_DAY, _table_note(table, nominal, due, provisional))
    return DueDate(start, n, Unit.MONTH, due, provisional, skipped, basis)


def workdays_between(
    first: dt.date, last: dt.date, *, table: HolidayTable | None = None
) -> WorkdayCount:
    """Working days in (first, last] — so ``workdays_between(s, add_workdays(s, n).due) == n``."""
    table = table or default_calendar()
    first, last = as_local_date(first), as_local_date(last)
    if last < first:
        forward = workdays_between(last, first, table=table)
        return replace(forward, first=first, last=last, count=-forward.count)
    count, provisional = 0, False
    skipped: list[Skipped] = []
    day = first
    while day < last:
        day += dt.timedelta(days=1)
        status = table.status(day)
        provisional = provisional or not status.known
        if status.workday:
            count += 1
        else:
            skipped.append(Skipped(day, status.reason))
    basis = _join(
        f"{first.isoformat()}（不计入）至 {last.isoformat()} 之间的工作日数",
        CITE_START,
        _table_note(table, first, last, provisional) if last > first else "",
    )
    return WorkdayCount(
        first=first, last=last, count=count, provisional=provisional, skipped=skipped, basis=basis
    )


def day_status(day: dt.date, *, table: HolidayTable | None = None) -> DayStatus:
    """Whether ``day`` is a working day, with the reason; ``known`` is False past the table."""
    return (table or default_calendar()).status(as_local_date(day))


def is_workday(day: dt.date, *, table: HolidayTable | None = None) -> bool:
    return day_status(day, table=table).workday


_OPERATIONS: dict[Unit, Callable[..., DueDate]] = {
    Unit.WORKDAY: add_workdays,
    Unit.DAY: add_days,
    Unit.MONTH: add_months,
}


def compute(
    start: dt.date, amount: int, unit: Unit | str, *, table: HolidayTable | None = None
) -> DueDate:
    """The deadline ``amount`` ``unit`` after ``start`` — what a policy deadline rule asks for."""
    try:
        unit = Unit(unit)
    except ValueError:
        raise ValueError(
            f"未知的期限单位 {unit!r}（应为 workday、day 或 month）/ unknown unit {unit!r}"
        ) from None
    return _OPERATIONS[unit](start, amount, table=table)


# --- the table in force -------------------------------------------------------------------------
# The pure core cannot query the database, so the Django app registers where the table comes
# from (``WorkdaysConfig.ready``). ``fingerprint`` is a cheap query that changes whenever a year is
# loaded — in this process or another (``sanxiang workdays load-year`` runs in its own process) —
# or a transaction that loaded one is rolled back; the table is rebuilt only when it changes.


@dataclass
class _Source:
    fingerprint: Callable[[], Hashable]
    build: Callable[[], HolidayTable]


_source = _Source(fingerprint=lambda: None, build=repository_table)
_cache: tuple[Hashable, HolidayTable] | None = None
_lock = threading.Lock()


def set_table_source(
    *, fingerprint: Callable[[], Hashable], build: Callable[[], HolidayTable]
) -> None:
    global _source
    with _lock:
        _source = _Source(fingerprint=fingerprint, build=build)
    invalidate_default_calendar()


def invalidate_default_calendar() -> None:
    global _cache
    with _lock:
        _cache = None


def default_calendar() -> HolidayTable:
    """The holiday table in force, cached until a year is loaded."""
    global _cache
    with _lock:
        source = _source
        cached = _cache
    key = source.fingerprint()
    if cached is not None and cached[0] == key:
        return cached[1]
    table = source.build()
    with _lock:
        _cache = (key, table)
    return table
