"""``sanxiang documents_issue``: issue a document of a case from the shell (the same service)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sanxiang.accounts.models import User
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.core.errors import SanxiangError
from sanxiang.documents.doctypes import DOC_TYPES
from sanxiang.documents.services import issue_document


class Command(BaseCommand):
    help = "Issue (render, seal, store and ledger) an enforcement document of a case."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="agency slug")
        parser.add_argument("--case", required=True, help="案号 of the case")
        parser.add_argument("--type", required=True, choices=sorted(DOC_TYPES))
        parser.add_argument("--record", type=int, help="id of the record to render from")
        parser.add_argument("--actor", required=True, help="username of the acting user")

    def handle(self, *args: Any, **options: Any) -> None:
        case = Case.objects.filter(agency__slug=options["agency"], number=options["case"]).first()
        if case is None:
            raise CommandError(f"no case {options['case']!r} in {options['agency']}")
        actor = User.objects.filter(username=options["actor"]).first()
        if actor is None:
            raise CommandError(f"no user {options['actor']!r}")
        record = None
        if options["record"] is not None:
            record = CaseRecord.objects.filter(case=case, pk=options["record"]).first()
            if record is None:
                raise CommandError(f"no record {options['record']} in case {case.number}")
        try:
            document = issue_document(
                actor=actor, case=case, doc_type=options["type"], record=record
            )
        except SanxiangError as exc:
            raise CommandError(exc.log_message) from None
        self.stdout.write(
            f"{document.pk} {document.title} {document.number or '-'} sha256={document.sha256}"
        )
