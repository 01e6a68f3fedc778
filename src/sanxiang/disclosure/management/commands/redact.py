"""``sanxiang redact --agency SLUG [FILE] [--json]`` — redact a text as publication would.

The agency's officers (registry) are kept: their names are published anyway. Reads FILE or
standard input; prints the redacted text, or with ``--json`` the text and the spans.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sanxiang.disclosure.redaction import Known, redact
from sanxiang.registry.models import Agency
from sanxiang.registry.selectors import officers_of


class Command(BaseCommand):
    help = "Redact personal data from a decision text (file or stdin) as publication would."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--agency", metavar="SLUG", required=True)
        parser.add_argument("file", nargs="?", type=Path, help="text file (default: stdin)")
        parser.add_argument("--json", action="store_true", help="the text and the spans as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            agency = Agency.objects.get(slug=options["agency"])
        except Agency.DoesNotExist:
            raise CommandError(f"unknown agency: {options['agency']}") from None
        path: Path | None = options["file"]
        try:
            text = path.read_text(encoding="utf-8") if path else sys.stdin.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from None
        keep = tuple(officers_of(agency=agency, active_only=False).values_list("name", flat=True))
        result = redact(text, Known(keep=keep))
        if options["json"]:
            out = {"text": result.text, "spans": [s.as_dict() for s in result.spans]}
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(result.text, ending="" if result.text.endswith("\n") else "\n")
