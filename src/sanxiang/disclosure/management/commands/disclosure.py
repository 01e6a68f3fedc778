"""``sanxiang disclosure sync [--agency SLUG]`` — create missing publication tasks;
``sanxiang disclosure reindex [--quiet]`` — rebuild the portal's search index.

For every decided case (a record that raised ``decision_made``) without its publication tasks,
create them as ``services.on_decision_recorded`` would have. Safe to run repeatedly.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sanxiang.disclosure import search, services
from sanxiang.registry.models import Agency


class Command(BaseCommand):
    help = (
        "Disclosure: create missing publication tasks (sync); rebuild the search index (reindex)."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sync = sub.add_parser("sync", help="create missing publication tasks for decided cases")
        sync.add_argument("--agency", metavar="SLUG", help="one agency (default: all)")
        reindex = sub.add_parser("reindex", help="rebuild the portal's full-text search index")
        reindex.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "reindex":
            self._reindex(quiet=bool(options.get("quiet")))
            return
        slug = options.get("agency")
        agencies = Agency.objects.order_by("slug")
        if slug:
            agencies = agencies.filter(slug=slug)
            if not agencies.exists():
                raise CommandError(f"unknown agency: {slug}")
        total = 0
        for agency in agencies:
            created = services.sync(agency=agency)
            total += len(created)
            self.stdout.write(f"{agency.slug}: {len(created)} publication task(s) created")
        self.stdout.write(f"total: {total}")

    def _reindex(self, *, quiet: bool) -> None:
        show = not quiet

        def progress(done: int, total: int) -> None:
            if not show or total == 0:
                return
            width = 30
            filled = done * width // total
            bar = "#" * filled + "." * (width - filled)
            self.stderr.write(f"\r索引 [{bar}] {done}/{total}", ending="")
            if done == total:
                self.stderr.write("")

        count = search.rebuild(progress=progress)
        self.stdout.write(f"indexed {count} listed publication(s)")
