"""``sanxiang evidence fixity|backup|restore``.

Exit codes: 0 success (for ``fixity``: every object intact); 1 ``fixity`` found changed, missing
or extra objects; 2 bad arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from sanxiang.evidence import services
from sanxiang.evidence.backends import default_store, store_from_spec
from sanxiang.evidence.store import BlobStore


class Progress:
    """A one-line progress bar on stderr (long runs over thousands of recordings)."""

    def __init__(self, label: str, enabled: bool, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.label = label
        self.enabled = enabled
        self.last = -1

    def __call__(self, done: int, total: int, key: str) -> None:
        if not self.enabled or total == 0:
            return
        percent = done * 100 // total
        if percent == self.last and done != total:
            return
        self.last = percent
        bar = "#" * (percent // 4)
        end = "\n" if done == total else ""
        line = f"\r{self.label} [{bar:<25}] {done}/{total} {percent:3d}%{end}"
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(line, ending="")  # no newline: the bar redraws in place
        else:
            self.stream.write(line)
        self.stream.flush()


class Command(BaseCommand):
    help = "Evidence store: re-hash everything (fixity), back up to or restore from a second store."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        fixity = sub.add_parser("fixity", help="re-hash every blob; report changed/missing/extra")
        fixity.add_argument("--store", help="a directory or s3://bucket/prefix (default: ours)")
        fixity.add_argument("--json", action="store_true", help="machine-readable output")
        fixity.add_argument("--quiet", action="store_true", help="no progress bar")
        backup = sub.add_parser("backup", help="copy every object to a second store (异地备份)")
        backup.add_argument("--to", required=True, help="a directory or s3://bucket/prefix")
        backup.add_argument("--quiet", action="store_true", help="no progress bar")
        restore = sub.add_parser("restore", help="copy every object back from a backup")
        restore.add_argument("--from", dest="source", required=True, help="the backup")
        restore.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        quiet = bool(options.get("quiet"))
        if action == "fixity":
            store = store_from_spec(options["store"]) if options.get("store") else default_store()
            run = services.run_fixity(
                store=store, progress=Progress("核验", not quiet, self.stderr)
            )
            result = {
                "store": run.store,
                "checked": run.checked,
                "changed": run.changed,
                "missing": run.missing,
                "extra": run.extra,
                "ok": run.ok,
            }
            if options["json"]:
                self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(f"checked {run.checked} objects in {run.store}")
                for name in ("changed", "missing", "extra"):
                    for digest in result[name]:
                        self.stdout.write(f"{name.upper()} {digest}")
                self.stdout.write("OK" if run.ok else "PROBLEMS FOUND (recorded as fixity events)")
            if not run.ok:
                raise SystemExit(1)
        elif action == "backup":
            self._copy(default_store(), store_from_spec(options["to"]), "备份", quiet)
        elif action == "restore":
            self._copy(store_from_spec(options["source"]), default_store(), "恢复", quiet)
        else:  # pragma: no cover - argparse refuses other actions
            raise CommandError(f"unknown action {action}")

    def _copy(self, source: BlobStore, target: BlobStore, label: str, quiet: bool) -> None:
        copied = source.copy_to(target, progress=Progress(label, not quiet, self.stderr))
        self.stdout.write(f"copied {copied} new objects from {source.name} to {target.name}")
