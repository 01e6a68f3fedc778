"""``sanxiang cases sweep|deadlines``.

``sweep`` makes missed deadlines permanent (ledgered, run daily); ``deadlines`` lists the running
deadlines of an agency with how each was computed. Exit 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sanxiang.cases import selectors, services
from sanxiang.registry.models import Agency


class Command(BaseCommand):
    help = "Cases: mark missed deadlines (sweep) and list running deadlines per agency."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sweep = sub.add_parser("sweep", help="mark open deadlines past their due date as missed")
        sweep.add_argument("--agency", metavar="SLUG", help="one agency (default: all)")
        sweep.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD (tests)")
        listing = sub.add_parser("deadlines", help="running deadlines of one agency, soonest first")
        listing.add_argument("--agency", metavar="SLUG", required=True)
        listing.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD")
        listing.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "sweep":
            self._sweep(options["agency"], options["today"])
        else:
            self._deadlines(options["agency"], options["today"], options["json"])

    def _agencies(self, slug: str | None) -> list[Agency]:
        if slug is None:
            return list(Agency.objects.order_by("slug"))
        agency = Agency.objects.filter(slug=slug).first()
        if agency is None:
            raise CommandError(f"unknown agency {slug!r}", returncode=2)
        return [agency]

    def _sweep(self, slug: str | None, today: dt.date | None) -> None:
        for agency in self._agencies(slug):
            marked = services.sweep_deadlines(agency=agency, today=today)
            self.stdout.write(f"{agency.slug}: {len(marked)} deadline(s) marked missed")

    def _deadlines(self, slug: str, today: dt.date | None, as_json: bool) -> None:
        (agency,) = self._agencies(slug)
        views = selectors.deadlines_for_agency(agency, today=today)
        rows = [
            {
                "case": v.deadline.case.number,
                "rule_id": v.deadline.rule_id,
                "label": v.deadline.label,
                "due": v.deadline.due.isoformat(),
                "status": v.deadline.status,
                "urgency": v.urgency,
                "days_left": v.days_left,
                "provisional": v.deadline.provisional,
                "cite": v.deadline.cite,
            }
            for v in views
        ]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            flag = "【暂定】" if row["provisional"] else ""
            self.stdout.write(
                f"{row['due']}  {row['urgency']:<8} {row['case']}  {row['label']}{flag}"
                f"（{row['cite']}）"
            )
