"""``sanxiang report annual --agency SLUG --year Y [--format json|html|pdf] [--output FILE]``.

Computes the annual statistics report (行政执法统计年报, 武汉市科技局公示办法 第九条) from the
platform's data, the same figures the staff preview and the portal show. Prints JSON or HTML to
standard output unless ``--output`` names a file; a PDF needs ``--output`` (or ``-`` for stdout).
Read-only: preparing and publishing the report is a staff action on the disclosure pages.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sanxiang.disclosure import annual, annual_render
from sanxiang.documents.render import RenderError
from sanxiang.registry.models import Agency


class Command(BaseCommand):
    help = "Reports: the annual statistics report of an agency (report annual)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
        yearly = sub.add_parser("annual", help="annual enforcement statistics report (统计年报)")
        yearly.add_argument("--agency", metavar="SLUG", required=True)
        yearly.add_argument("--year", type=int, required=True)
        yearly.add_argument("--format", choices=("json", "html", "pdf"), default="json")
        yearly.add_argument("--output", metavar="FILE", help="write here (default: stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(slug=options["agency"]).first()
        if agency is None:
            raise CommandError(f"unknown agency: {options['agency']}")
        year = int(options["year"])
        if not 2000 <= year <= timezone.localdate().year:
            raise CommandError(f"year out of range: {year}")
        data = annual.compute(agency, year)
        fmt = options["format"]
        output = options.get("output")
        if fmt == "pdf":
            if not output:
                raise CommandError("--format pdf needs --output FILE (or - for stdout)")
            try:
                content: bytes = annual_render.to_pdf(data, at=timezone.now())
            except RenderError as exc:
                raise CommandError(str(exc)) from exc
        else:
            text = annual_render.to_json(data) if fmt == "json" else annual_render.to_html(data)
            content = text.encode()
        if output and output != "-":
            Path(output).write_bytes(content)
            self.stderr.write(f"{data['title']}: {fmt} written to {output} ({len(content)} bytes)")
        elif fmt == "pdf":
            sys.stdout.buffer.write(content)
        else:
            self.stdout.write(content.decode(), ending="")
