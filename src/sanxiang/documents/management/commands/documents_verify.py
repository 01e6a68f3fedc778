"""``sanxiang documents_verify FILE.pdf``: the verification page's check, from the shell."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sanxiang.documents.verification import verify_pdf


class Command(BaseCommand):
    help = "Verify that a PDF is an enforcement document issued by an agency and unaltered."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--json", action="store_true", help="print the verdict as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
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
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        elif verdict.ok:
            assert document is not None
            self.stdout.write(f"OK {document.agency.name} {document.title} {document.number}")
        else:
            for reason in verdict.reasons:
                self.stdout.write(f"FAIL {reason}")
        if not verdict.ok:
            raise SystemExit(1)
