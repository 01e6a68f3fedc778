"""``sanxiang review classify --agency SLUG FILE.json`` — is a proposed decision major?"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sanxiang.core.errors import SanxiangError
from sanxiang.policy.loader import PackInvalid, UnknownPack, load_pack
from sanxiang.review.classification import classify


class Command(BaseCommand):
    help = "Legal review (法制审核): classify a proposed decision's facts as major or not."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        cls = sub.add_parser("classify", help="print {major, grounds} for the facts in FILE.json")
        cls.add_argument("--agency", required=True, help="agency slug (its policy pack)")
        cls.add_argument("--manual", default=None, help="reason for marking it major by hand")
        cls.add_argument("file", type=Path, help="JSON object of facts; '-' for stdin")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            pack = load_pack(options["agency"])
        except (UnknownPack, PackInvalid) as exc:
            raise CommandError(str(exc)) from None
        facts = _read_facts(options["file"])
        try:
            result = classify(pack, facts, manual=options["manual"])
        except SanxiangError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))


def _read_facts(path: Path) -> dict[str, Any]:
    import sys

    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
        data = json.loads(text)
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path}: not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise CommandError(f"{path}: expected a JSON object of facts")
    return data
