"""``sanxiang documents issue|verify|retry`` — enforcement documents from the shell.

* ``issue`` — issue a document of a case (the same service as the case's documents page);
* ``verify FILE.pdf`` — the public verification page's check (exit 1 when it fails, one
  ``FAIL <reason>`` line per reason);
* ``retry`` — render again the documents whose render failed (or whose renderer died), keeping
  their 文号 (run it from cron, like ``sanxiang cases sweep``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sanxiang.accounts.models import User
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.core.errors import SanxiangError
from sanxiang.documents.doctypes import DOC_TYPES
from sanxiang.documents.services import RenderFailed, issue_document, render_document, retryable
from sanxiang.documents.verification import verify_pdf


class Command(BaseCommand):
    help = "Issue, verify or re-render enforcement documents (文书: 文号, PDF, electronic seal)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="issue a document of a case (number, render, seal)")
        issue.add_argument("--agency", required=True, help="agency slug")
        issue.add_argument("--case", required=True, help="案号 of the case")
        issue.add_argument("--type", required=True, choices=sorted(DOC_TYPES))
        issue.add_argument("--record", type=int, help="id of the record to render from")
        issue.add_argument("--actor", required=True, help="username of the acting user")
        verify = sub.add_parser("verify", help="check a PDF is an issued, unaltered document")
        verify.add_argument("path", type=Path)
        verify.add_argument("--json", action="store_true", help="print the verdict as JSON")
        retry = sub.add_parser("retry", help="render again documents whose render failed")
        retry.add_argument("--agency", help="only this agency's documents")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "issue":
            self._issue(options)
        elif action == "verify":
            self._verify(options["path"], as_json=options["json"])
        else:
            self._retry(options.get("agency"))

    def _issue(self, options: dict[str, Any]) -> None:
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

    def _verify(self, path: Path, *, as_json: bool) -> None:
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        verdict = verify_pdf(path.read_bytes())
        document = verdict.document
        result = {
            "ok": verdict.ok,
            "sha256": verdict.sha256,
            "reasons": verdict.reasons,
            "agency": document.agency.slug if document else None,
            "title": document.title if document else None,
            "number": document.number if document else None,
            "signer": verdict.signer,
        }
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        elif verdict.ok:
            assert document is not None
            self.stdout.write(f"OK {document.agency.name} {document.title} {document.number}")
        else:
            for reason in verdict.reasons:
                self.stdout.write(f"FAIL {reason}")
        if not verdict.ok:
            raise SystemExit(1)

    def _retry(self, agency: str | None) -> None:
        rendered = failed = 0
        for document in retryable():
            if agency and document.agency.slug != agency:
                continue
            # The ledger names whoever numbered it: the retry finishes that act.
            try:
                render_document(actor=document.issued_by, document=document)
            except RenderFailed as exc:
                failed += 1
                self.stdout.write(f"FAIL {document.pk} {document.number} {exc.log_message}")
            else:
                rendered += 1
                self.stdout.write(f"OK {document.pk} {document.title} {document.number}".rstrip())
        self.stdout.write(f"{rendered} rendered, {failed} failed")
        if failed:
            raise SystemExit(1)
