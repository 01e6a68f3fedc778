"""The official holiday table (节假日安排表): parsing, validation and day lookup. Pure Python.

A year of the table is what one State Council notice (国务院办公厅关于YYYY年部分节假日安排的
通知) says: the rest days (放假, ``off``) and the weekend days turned into working days
(调休上班, ``work``), each named after its holiday. The JSON format is documented in
``data/README.md``; this module is the one place that checks it, for the repository file and
for a year loaded later alike.

Days inside the covered years that are neither ``off`` nor ``work`` follow the week: Monday to
Friday work, Saturday and Sunday rest. Outside the covered years nothing official is known, so the
same Monday–Friday rule is used and the answer is marked not ``known`` (the arithmetic then calls
its result provisional, DESIGN.md "Time").
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sanxiang.core.errors import SanxiangError

FORMAT = "sanxiang-holidays/1"
REPOSITORY_FILE = Path(__file__).with_name("data") / "holidays.json"

# 全国年节及纪念日放假办法 第二条: the seven holidays of all citizens. Anything else (the 2015
# 70th-anniversary day) must be declared in the year's ``special`` list, so a typo such as
# "国庆" for "国庆节" is refused rather than shown to users.
STATUTORY_HOLIDAYS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
YEAR_KEYS = frozenset({"year", "notices", "off", "work", "special", "example"})
MIN_YEAR, MAX_YEAR = 1949, 2200


class HolidayDataError(SanxiangError, ValueError):
    """Holiday data that cannot be used. Each problem is ``"中文 / English"``."""

    code = "holiday_data"

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("；".join(self.problems))

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class YearData:
    """One notice year: its notices, rest days and adjusted working days."""

    year: int
    notices: tuple[str, ...]
    off: Mapping[dt.date, str]
    work: Mapping[dt.date, str]
    special: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "year": self.year,
            "notices": list(self.notices),
            "off": {d.isoformat(): name for d, name in sorted(self.off.items())},
            "work": {d.isoformat(): name for d, name in sorted(self.work.items())},
        }
        if self.special:
            data["special"] = list(self.special)
        return data


@dataclass(frozen=True)
class DayStatus:
    """Whether ``day`` is a working day, and why, in Chinese (e.g. "国庆节放假", "周六")."""

    day: dt.date
    workday: bool
    reason: str
    known: bool  # False: outside the table, Monday–Friday assumed
    adjusted: bool = False  # a weekend day worked by notice (调休上班)


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise HolidayDataError([f"键 {key} 重复 / duplicate key {key!r}"])
        seen[key] = value
    return seen


def loads(text: str | bytes) -> Any:
    """JSON with duplicate keys refused: a date listed twice would otherwise silently win once."""
    try:
        return json.loads(text, object_pairs_hook=_reject_duplicate_keys)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HolidayDataError([f"不是有效的 JSON：{exc} / not valid JSON: {exc}"]) from exc


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_date(text: str) -> dt.date:
    """Exactly ``YYYY-MM-DD``; ``date.fromisoformat`` alone also takes ``20261001``."""
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
        raise ValueError(f"not a YYYY-MM-DD date: {text!r}")
    return dt.date.fromisoformat(text)


def _parse_days(
    raw: Any, *, kind: str, year: int, names: frozenset[str], problems: list[str]
) -> dict[dt.date, str]:
    label = {"off": "放假日", "work": "调休上班日"}[kind]
    if not isinstance(raw, dict):
        problems.append(f"{kind} 应为“日期: 节日名称”对象 / {kind} must be an object date→name")
        return {}
    days: dict[dt.date, str] = {}
    for text, name in raw.items():
        try:
            day = parse_iso_date(text)
        except ValueError:
            problems.append(f"{kind}: {text!r} 不是 YYYY-MM-DD 日期 / not a YYYY-MM-DD date")
            continue
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{kind}: {text} 未写节日名称 / {text} has no holiday name")
            continue
        if name not in names:
            problems.append(
                f"{kind}: {text} 的节日名称“{name}”不是法定节日，也未列入 special"
                f" / {text}: holiday {name!r} is neither statutory nor listed in special"
            )
        # A notice may open the new year's 元旦 span in late December of the year before
        # (2008 notice: 2007-12-29 上班, 2007-12-30…2008-01-01 放假); nothing else may leave
        # the year.
        previous_december = day.year == year - 1 and day.month == 12 and name == "元旦"
        if day.year != year and not previous_december:
            problems.append(
                f"{kind}: {text} 不在 {year} 年内（仅上一年 12 月的元旦日期可以例外）"
                f" / {text} is outside {year} (only previous-December 元旦 days may be)"
            )
        if kind == "work" and day.weekday() < 5:
            problems.append(
                f"work: {text} 是{WEEKDAY_NAMES[day.weekday()]}，调休上班日必须是周六或周日"
                f" / adjusted working day {text} is not a Saturday or Sunday"
            )
        days[day] = name
    if kind == "off" and not raw:
        problems.append(f"{label}为空 / off has no days")
    return days


def parse_year(raw: Any, *, allow_example: bool = False) -> YearData:
    """Validate one notice year (the ``load-year`` file, or one entry of the repository file)."""
    if not isinstance(raw, dict):
        raise HolidayDataError(["年度数据应为 JSON 对象 / a year must be a JSON object"])
    problems: list[str] = []
    unknown = sorted(set(raw) - YEAR_KEYS)
    if unknown:
        problems.append(f"未知的键 {', '.join(unknown)} / unknown keys {unknown}")
    if raw.get("example") and not allow_example:
        problems.append("这是示例文件，不是正式通知 / this is an example, not an official notice")
    year = raw.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
        problems.append(f"year 应为 {MIN_YEAR}–{MAX_YEAR} 的整数 / year must be an integer")
        raise HolidayDataError(problems)
    notices = raw.get("notices")
    if (
        not isinstance(notices, list)
        or not notices
        or not all(isinstance(n, str) and n.strip() for n in notices)
    ):
        problems.append("notices 应列出至少一份通知名称 / notices must name at least one notice")
        notices = []
    special = raw.get("special", [])
    if not isinstance(special, list) or not all(isinstance(s, str) and s for s in special):
        problems.append("special 应为节日名称列表 / special must be a list of holiday names")
        special = []
    names = frozenset(STATUTORY_HOLIDAYS) | frozenset(special)
    off = _parse_days(raw.get("off"), kind="off", year=year, names=names, problems=problems)
    work = _parse_days(raw.get("work"), kind="work", year=year, names=names, problems=problems)
    for day in sorted(off.keys() & work.keys()):
        problems.append(
            f"{day} 同时列为放假和上班 / {day} is listed both as a rest day and as a working day"
        )
    if problems:
        raise HolidayDataError(problems)
    return YearData(year=year, notices=tuple(notices), off=off, work=work, special=tuple(special))


def parse_document(text: str | bytes) -> HolidayTable:
    """The repository file: ``{"format": …, "years": [year, …]}``."""
    document = loads(text)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise HolidayDataError([f"format 应为 {FORMAT} / format must be {FORMAT!r}"])
    years = document.get("years")
    if not isinstance(years, list) or not years:
        raise HolidayDataError(["years 应为非空列表 / years must be a non-empty list"])
    return HolidayTable(parse_year(entry) for entry in years)


@dataclass(frozen=True)
class _Index:
    off: dict[dt.date, str] = field(default_factory=dict)
    work: dict[dt.date, str] = field(default_factory=dict)


class HolidayTable:
    """Consecutive notice years merged into one lookup; the arithmetic lives in ``calendar``."""

    def __init__(self, years: Iterable[YearData]) -> None:
        self.years: tuple[YearData, ...] = tuple(sorted(years, key=lambda y: y.year))
        if not self.years:
            raise HolidayDataError(["节假日安排表为空 / the holiday table is empty"])
        problems: list[str] = []
        numbers = [y.year for y in self.years]
        if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            problems.append(f"年份不连续或重复：{numbers} / years are not consecutive: {numbers}")
        index = _Index()
        self._source: dict[dt.date, int] = {}
        self._notices: dict[int, tuple[str, ...]] = {}
        for year in self.years:
            self._notices[year.year] = year.notices
            listed = year.off.keys() | year.work.keys()
            for day in sorted(listed & self._source.keys()):
                problems.append(f"{day} 在两个年度中重复出现 / {day} appears in two years")
            index.off.update(year.off)
            index.work.update(year.work)
            self._source.update(dict.fromkeys(listed, year.year))
        if problems:
            raise HolidayDataError(problems)
        self._index = index
        self.first_year = numbers[0]
        self.last_year = numbers[-1]
        self.first_day = dt.date(self.first_year, 1, 1)
        self.last_day = dt.date(self.last_year, 12, 31)

    def __repr__(self) -> str:
        return f"<HolidayTable {self.first_year}–{self.last_year}>"

    def with_year(self, year: YearData) -> HolidayTable:
        return HolidayTable([*self.years, year])

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def notices_for(self, first: dt.date, last: dt.date) -> list[str]:
        """The notices behind the days from ``first`` to ``last``, for a result's citation."""
        years = set(range(max(first.year, self.first_year), min(last.year, self.last_year) + 1))
        # Late-December 元旦 days come from the next year's notice.
        years.update(year for day, year in self._source.items() if first <= day <= last)
        found: list[str] = []
        for year in sorted(years):
            found.extend(n for n in self._notices[year] if n not in found)
        return found

    def status(self, day: dt.date) -> DayStatus:
        weekday = WEEKDAY_NAMES[day.weekday()]
        name = self._index.off.get(day)
        if name is not None:
            return DayStatus(day, workday=False, reason=f"{name}放假", known=True)
        name = self._index.work.get(day)
        if name is not None:
            return DayStatus(
                day, workday=True, reason=f"{weekday}，{name}调休上班", known=True, adjusted=True
            )
        weekend = day.weekday() >= 5
        return DayStatus(
            day,
            workday=not weekend,
            reason=weekday if weekend else f"{weekday}，工作日",
            known=self.covers(day),
        )

    def is_workday(self, day: dt.date) -> bool:
        return self.status(day).workday


@lru_cache(maxsize=1)
def repository_table() -> HolidayTable:
    """The 2004–… table shipped in ``data/holidays.json`` (no database)."""
    return parse_document(REPOSITORY_FILE.read_bytes())
