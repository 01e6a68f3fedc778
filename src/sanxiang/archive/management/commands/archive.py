"""``sanxiang archive export|due``.

``export`` writes a case file as a BagIt package (registered in the access register as an
export by the named archivist); ``due`` lists closed cases still without a file and formed files
not yet accepted, with their due dates. Exit 2 for bad arguments or a refused export.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sanxiang.accounts.models import User
from sanxiang.archive import access
from sanxiang.archive.choices import CaseFileStatus
from sanxiang.archive.models import CaseFile
from sanxiang.cases.choices import CaseStatus
from sanxiang.cases.models import Case
from sanxiang.core.errors import SanxiangError
from sanxiang.evidence.backends import default_store


class Command(BaseCommand):
    help = "Case files: export one as a self-verifying BagIt package; list files due."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        export = sub.add_parser("export", help="write a case file as a BagIt package")
        export.add_argument("--agency", required=True, metavar="SLUG")
        export.add_argument("--case", required=True, help="案号")
        export.add_argument("--to", required=True, help="a new directory")
        export.add_argument("--user", required=True, help="the archivist doing it (username)")
        export.add_argument("--reason", required=True, help="事由 (goes into the register)")
        due = sub.add_parser("due", help="closed cases without a file; files not yet archived")
        due.add_argument("--agency", metavar="SLUG")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self._export(options)
        else:
            self._due(options.get("agency"))

    def _export(self, options: dict[str, Any]) -> None:
        case_file = CaseFile.objects.filter(
            agency__slug=options["agency"], case__number=options["case"]
        ).first()
        user = User.objects.filter(username=options["user"]).first()
        if case_file is None or user is None:
            raise CommandError("no such case file or user")
        try:
            path = access.export_case_file(
                actor=user,
                case_file=case_file,
                target=Path(options["to"]),
                reason=options["reason"],
                store=default_store(),
            )
        except (SanxiangError, FileExistsError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"exported to {path}; verify with tools/verify_ledger.py --bag {path}")

    def _due(self, slug: str | None) -> None:
        today = timezone.localdate()
        cases = Case.objects.filter(status=CaseStatus.CLOSED, case_file__isnull=True)
        files = CaseFile.objects.exclude(status=CaseFileStatus.ACCEPTED)
        if slug:
            cases, files = cases.filter(agency__slug=slug), files.filter(agency__slug=slug)
        for case in cases.order_by("closed_at"):
            self.stdout.write(f"TO FORM   {case.number}  closed {case.closed_at:%Y-%m-%d}")
        for found in files.select_related("case").order_by("transfer_due"):
            due = found.transfer_due.isoformat() if found.transfer_due else "—"
            late = " LATE" if found.transfer_due and found.transfer_due < today else ""
            self.stdout.write(
                f"TO ARCHIVE {found.case.number}  due {due}{late}  ({found.department})"
            )
