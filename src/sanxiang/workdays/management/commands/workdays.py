"""``sanxiang workdays`` — working-day arithmetic and the holiday table from the command line.

``add DATE N [--unit workday|day|month] [--json]`` prints the due date, then the explanation; with
``--json`` exactly ``{"due": "YYYY-MM-DD", "provisional": bool, "skipped": [{"date": "YYYY-MM-DD",
"reason": "国庆节放假"}, …], "basis": "…"}``. ``is-workday DATE`` prints 是/否 and the reason.
``load-year FILE --as USERNAME`` adds the next year (format: ``workdays/data/README.md``).
``years`` shows the range the table covers and the years loaded into the database.

Exit status: 0 done; 1 a load refused (the table is unchanged); 2 bad arguments (a bad date, a
negative amount, an unknown unit, an unreadable file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sanxiang.workdays import calendar, selectors, services
from sanxiang.workdays.calendar import MAX_AMOUNT, Unit
from sanxiang.workdays.table import WEEKDAY_NAMES, HolidayDataError, loads, parse_iso_date

USAGE_ERROR = 2
REFUSED = 1


def date_argument(text: str) -> dt.date:
    try:
        return parse_iso_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期格式应为 YYYY-MM-DD：{text!r} / not a YYYY-MM-DD date: {text!r}"
        ) from None


def amount_argument(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"期限应为非负整数：{text!r} / N must be a non-negative integer: {text!r}"
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"期限不能为负数：{value} / N must not be negative: {value}"
        )
    return value


def unit_argument(text: str) -> Unit:
    try:
        return Unit(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"未知的期限单位 {text!r}，应为 workday、day 或 month"
            f" / unknown unit {text!r}: use workday, day or month"
        ) from None


class Command(BaseCommand):
    help = "Working days: add a limit to a date, test a day, list or load holiday-table years."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

        add = sub.add_parser("add", help="due date N units after DATE (start day not counted)")
        add.add_argument("date", type=date_argument, metavar="DATE", help="trigger day YYYY-MM-DD")
        add.add_argument("amount", type=amount_argument, metavar="N", help="how many units")
        add.add_argument(
            "--unit",
            type=unit_argument,
            default=Unit.WORKDAY,
            metavar="{workday,day,month}",
            help="workday (default), day (calendar days) or month",
        )
        add.add_argument("--json", action="store_true", help="print the result as JSON")

        check = sub.add_parser("is-workday", help="是/否: is DATE a working day, and why")
        check.add_argument("date", type=date_argument, metavar="DATE")

        load = sub.add_parser("load-year", help="add a newly published year from a JSON file")
        load.add_argument("file", type=Path, metavar="FILE", help="one year, see data/README.md")
        load.add_argument(
            "--as",
            dest="username",
            required=True,
            metavar="USERNAME",
            help="the platform administrator (superuser) doing the load",
        )

        sub.add_parser("years", help="the years the holiday table covers")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            self._add(options["date"], options["amount"], options["unit"], options["json"])
        elif action == "is-workday":
            self._is_workday(options["date"])
        elif action == "load-year":
            self._load_year(options["file"], options["username"])
        else:
            self._years()

    def _add(self, start: dt.date, amount: int, unit: Unit, as_json: bool) -> None:
        if amount > MAX_AMOUNT[unit.value]:
            raise CommandError(
                f"期限过长：{amount} {unit.label} / N too large (max {MAX_AMOUNT[unit.value]})",
                returncode=USAGE_ERROR,
            )
        result = calendar.compute(start, amount, unit)
        if as_json:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        self.stdout.write(result.due.isoformat())
        self.stdout.write(result.explain())

    def _is_workday(self, day: dt.date) -> None:
        status = calendar.day_status(day)
        answer = "是" if status.workday else "否"
        reason = status.reason
        if status.workday and not status.adjusted:
            reason = WEEKDAY_NAMES[day.weekday()]
        line = f"{answer}：{day.isoformat()} {reason}"
        if not status.known:
            line += "（该年节假日安排尚未载入，按周一至周五推定，暂定）"
        self.stdout.write(line)

    def _load_year(self, path: Path, username: str) -> None:
        try:
            data = loads(path.read_bytes())
        except OSError as exc:
            raise CommandError(
                f"无法读取文件 {path}：{exc.strerror} / cannot read {path}", returncode=USAGE_ERROR
            ) from exc
        except HolidayDataError as exc:
            raise CommandError(f"{path}: {exc.message}", returncode=USAGE_ERROR) from exc
        actor = get_user_model().objects.filter(username=username).first()
        if actor is None:
            raise CommandError(
                f"用户不存在：{username} / no such user: {username}", returncode=USAGE_ERROR
            )
        try:
            row = services.load_year(actor=actor, data=data)
        except PermissionDenied as exc:
            raise CommandError(f"{exc} / only a superuser may load", returncode=REFUSED) from exc
        except HolidayDataError as exc:
            lines = "\n".join(f"{path}: {problem}" for problem in exc.problems)
            raise CommandError(f"未载入 / not loaded:\n{lines}", returncode=REFUSED) from exc
        self.stdout.write(
            f"已载入 {row.year} 年节假日安排（{row.days.count()} 天）/ loaded {row.year}"
        )

    def _years(self) -> None:
        summary = selectors.table_summary()
        self.stdout.write(f"节假日安排表：{summary.first_year}–{summary.last_year} 年")
        repository = f"{summary.repository_first}–{summary.repository_last}"
        self.stdout.write(f"  仓库数据 data/holidays.json：{repository} 年")
        if not summary.loaded:
            self.stdout.write("  数据库载入：无")
        for row in summary.loaded:
            note = "（已被仓库数据取代）" if row.year in summary.superseded else ""
            when = row.loaded_at.astimezone(calendar.SHANGHAI).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(
                f"  数据库载入：{row.year} 年{note}，{when} 由 {row.loaded_by} 载入，"
                f"依据 {'、'.join(row.notices)}"
            )
