"""Writes to the holiday table: loading the year of a newly published State Council notice."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from sanxiang.accounts.models import User
from sanxiang.workdays import selectors
from sanxiang.workdays.calendar import invalidate_default_calendar
from sanxiang.workdays.choices import DayKind
from sanxiang.workdays.models import HolidayDay, HolidayYear
from sanxiang.workdays.table import HolidayDataError, HolidayTable, YearData, parse_year


def _digest(year: YearData) -> str:
    canonical = json.dumps(
        year.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _check_next_year(table: HolidayTable, year: YearData) -> None:
    """Only the year right after the table: a gap would leave a year silently Monday–Friday,
    an overlap would rewrite days that deadlines were already computed on."""
    expected = table.last_year + 1
    if year.year <= table.last_year:
        raise HolidayDataError(
            [
                f"{year.year} 年已在节假日安排表（{table.first_year}–{table.last_year} 年）中，"
                f"不能重复载入，下一个可载入的年度是 {expected} 年"
                f" / {year.year} overlaps the table {table.first_year}-{table.last_year};"
                f" the next loadable year is {expected}"
            ]
        )
    if year.year > expected:
        raise HolidayDataError(
            [
                f"年份不连续：节假日安排表最后一年为 {table.last_year} 年，只能载入 {expected} 年，"
                f"不能载入 {year.year} 年 / gap: the table ends in {table.last_year},"
                f" so only {expected} can be loaded, not {year.year}"
            ]
        )


def load_year(*, actor: User, data: Mapping[str, Any]) -> HolidayYear:
    """Add the next year of the holiday table from a notice transcribed as ``data``.

    ``data`` is one year in the format of ``data/README.md``. Refusals raise
    ``HolidayDataError`` (bilingual problems) or ``PermissionDenied``; nothing is written then.
    """
    # The table binds every agency, so only a platform administrator may change it.
    if not (actor.is_active and actor.is_superuser):
        raise PermissionDenied("只有平台管理员可以载入节假日安排。")
    year = parse_year(dict(data))
    try:
        with transaction.atomic():
            # Concurrent loads queue behind the last year's row; the very first load is guarded
            # by the unique ``year`` (and ``date``) constraints instead.
            list(HolidayYear.objects.select_for_update().order_by("-year")[:1])
            table = selectors.runtime_table()
            _check_next_year(table, year)
            table.with_year(year)  # refuses a December 元旦 day the year before already lists
            row = HolidayYear.objects.create(
                year=year.year,
                notices=list(year.notices),
                special=list(year.special),
                digest=_digest(year),
                loaded_by=actor,
            )
            HolidayDay.objects.bulk_create(
                [
                    HolidayDay(holiday_year=row, date=day, kind=kind, holiday=name)
                    for kind, days in ((DayKind.OFF, year.off), (DayKind.WORK, year.work))
                    for day, name in sorted(days.items())
                ]
            )
            # TODO(ledger): record the load in the ledger in this transaction. The ledger is
            # per agency (``ledger.services.append(*, agency: Agency, …)``) and has no
            # platform-level log yet for national data such as this table.
            transaction.on_commit(invalidate_default_calendar)
    except IntegrityError as exc:
        raise HolidayDataError(
            [
                f"{year.year} 年刚刚已被他人载入或日期重复 / {year.year} was loaded concurrently"
                " or repeats a loaded date"
            ]
        ) from exc
    return row
