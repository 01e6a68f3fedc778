"""``sanxiang evidence fixity|backup|restore|import``.

Exit codes: 0 success (for ``fixity``: every object intact); 1 ``fixity`` found changed, missing
or extra objects, or ``import`` was refused; 2 bad arguments.
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from sanxiang.accounts.models import User
from sanxiang.cases.models import CaseRecord
from sanxiang.core.errors import SanxiangError
from sanxiang.evidence import services
from sanxiang.evidence.backends import default_store, store_from_spec
from sanxiang.evidence.choices import EvidenceKind
from sanxiang.evidence.store import CHUNK, BlobStore


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
    help = "Evidence store: fixity check, backup and restore, import of recordings from files."

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
        imp = sub.add_parser(
            "import", help="ingest recordings from files into a case record (入库)"
        )
        imp.add_argument("files", nargs="+", type=Path, help="the recordings (or attachments)")
        imp.add_argument("--agency", required=True, help="agency slug")
        imp.add_argument("--case", required=True, help="案号")
        imp.add_argument(
            "--record", required=True, help="the record: its id, or a record type (latest one)"
        )
        imp.add_argument("--user", required=True, help="the officer who ingests (username)")
        imp.add_argument("--device", default="", help="recording device (AV)")
        imp.add_argument("--place", default="", help="place of recording (AV)")
        imp.add_argument("--step", default="", help="the enforcement step recorded (AV)")
        imp.add_argument("--attachment", action="store_true", help="attachments, not AV")
        imp.add_argument("--sm3", action="store_true", help="SM3 digest as well (国密)")
        imp.add_argument("--quiet", action="store_true", help="no progress bar")

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
        elif action == "import":
            self._import(options, quiet)
        else:  # pragma: no cover - argparse refuses other actions
            raise CommandError(f"unknown action {action}")

    def _copy(self, source: BlobStore, target: BlobStore, label: str, quiet: bool) -> None:
        copied = source.copy_to(target, progress=Progress(label, not quiet, self.stderr))
        self.stdout.write(f"copied {copied} new objects from {source.name} to {target.name}")

    def _import(self, options: dict[str, Any], quiet: bool) -> None:
        """入库 each file through ``services.ingest`` (the same path as the pages), streamed with
        a byte progress bar over all files; the first refusal stops the run with exit code 1."""
        files: list[Path] = options["files"]
        for path in files:
            if not path.is_file():
                raise CommandError(f"{path}: not a file")
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"no user {options['user']!r}")
        record = _record(options["agency"], options["case"], options["record"])
        kind = EvidenceKind.ATTACHMENT if options["attachment"] else EvidenceKind.AUDIO_VIDEO
        metadata = {
            key: options[key] for key in ("device", "place", "step") if options[key].strip()
        }
        progress = Progress("入库", not quiet, self.stderr)
        total = sum(path.stat().st_size for path in files)
        sent = [0]
        for path in files:
            try:
                item = services.ingest(
                    actor=user,
                    record=record,
                    stream=_counted(path, sent, total, progress),
                    filename=path.name,
                    media_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
                    kind=kind,
                    metadata=metadata,
                    sm3=options["sm3"],
                )
            except SanxiangError as exc:
                self.stderr.write(f"{path.name}: {exc}")
                raise SystemExit(1) from None
            self.stdout.write(f"{item.blob.sha256}  {path.name}")


def _record(agency: str, number: str, which: str) -> CaseRecord:
    records = CaseRecord.objects.filter(case__agency__slug=agency, case__number=number)
    found = (
        records.filter(pk=int(which)).first()
        if which.isdigit()
        else records.filter(record_type=which).order_by("-recorded_at", "-id").first()
    )
    if found is None:
        raise CommandError(f"no record {which!r} in case {number!r} of {agency}")
    return found


def _counted(path: Path, sent: list[int], total: int, progress: Progress) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            sent[0] += len(chunk)
            progress(sent[0], total, path.name)
            yield chunk
