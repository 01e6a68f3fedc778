from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sanxiang.core.dbstate import NOT_MIGRATED, has_pending_migrations


class Command(BaseCommand):
    help = "Serve the platform on HTTP (waitress), using the configured database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, host: str, port: int, threads: int, **options: Any) -> None:
        if has_pending_migrations():
            # Serving an unmigrated database answers every page with a 500; say what to do.
            raise CommandError(NOT_MIGRATED)
        from waitress import serve

        from sanxiang.wsgi import application

        self.stdout.write(f"三项制度平台 serving on http://{host}:{port}/  (Ctrl-C to stop)")
        serve(application, host=host, port=port, threads=threads, ident="sanxiang")
