"""Reads of the holiday table in force: the repository file plus the years loaded since.

The table is national, so unlike other selectors these take no agency: every user sees the same
official calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass

from django.db import connection

from sanxiang.workdays.choices import DayKind
from sanxiang.workdays.models import HolidayYear
from sanxiang.workdays.table import HolidayTable, YearData, repository_table


def loaded_years() -> list[HolidayYear]:
    return list(HolidayYear.objects.select_related("loaded_by").order_by("year"))


_years_table_seen = False


def _years_table_exists() -> bool:
    """Whether the database has been migrated: `sanxiang workdays add` must answer from the
    repository table on a machine where no database was ever set up."""
    global _years_table_seen
    if not _years_table_seen:
        _years_table_seen = HolidayYear._meta.db_table in connection.introspection.table_names()
    return _years_table_seen


def table_fingerprint() -> Hashable:
    """Changes whenever a year is loaded (or a load is rolled back); one small query."""
    if not _years_table_exists():
        return ("repository only",)
    return tuple(HolidayYear.objects.order_by("year").values_list("year", "digest"))


def _year_data(row: HolidayYear) -> YearData:
    off: dict[dt.date, str] = {}
    work: dict[dt.date, str] = {}
    for day in row.days.all():
        (off if day.kind == DayKind.OFF else work)[day.date] = day.holiday
    return YearData(
        year=row.year,
        notices=tuple(row.notices),
        off=off,
        work=work,
        special=tuple(row.special),
    )


def runtime_table() -> HolidayTable:
    """Repository years, then loaded years after them.

    A later release may ship a year in ``holidays.json`` that an installation had already loaded;
    the reviewed repository file then wins and ``sanxiang workdays years`` reports the overlap.
    """
    base = repository_table()
    if not _years_table_exists():
        return base
    rows = HolidayYear.objects.filter(year__gt=base.last_year).prefetch_related("days")
    extra = [_year_data(row) for row in rows.order_by("year")]
    return HolidayTable([*base.years, *extra]) if extra else base


@dataclass(frozen=True)
class TableSummary:
    first_year: int
    last_year: int
    repository_first: int
    repository_last: int
    loaded: list[HolidayYear]
    superseded: list[int]  # loaded years that the repository file now also carries


def table_summary() -> TableSummary:
    base = repository_table()
    table = runtime_table()
    loaded = loaded_years()
    return TableSummary(
        first_year=table.first_year,
        last_year=table.last_year,
        repository_first=base.first_year,
        repository_last=base.last_year,
        loaded=loaded,
        superseded=[row.year for row in loaded if row.year <= base.last_year],
    )
