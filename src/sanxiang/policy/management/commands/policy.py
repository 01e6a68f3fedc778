"""``sanxiang policy list|show|check`` — inspect and validate policy packs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sanxiang.policy.loader import PackInvalid, UnknownPack, check_file, list_packs, load_pack
from sanxiang.policy.render import render_text


class Command(BaseCommand):
    help = "List, show or check policy packs (rules as data, with citations)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="slug, name, version, extends and rule count of every pack")
        show = sub.add_parser("show", help="print the resolved pack, every rule with its citation")
        show.add_argument("slug")
        show.add_argument("--json", action="store_true", help="the resolved pack as JSON")
        check = sub.add_parser("check", help="validate pack files: exit 0 if valid, 1 otherwise")
        check.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            self._list()
        elif action == "show":
            self._show(options["slug"], as_json=options["json"])
        else:
            self._check(options["files"])

    def _list(self) -> None:
        try:
            packs = list_packs()
        except PackInvalid as exc:
            raise CommandError(f"invalid pack:\n{exc}") from None
        rows = [("slug", "name", "version", "extends", "rules")]
        rows += [(p.slug, p.name, p.version, p.extends or "-", str(len(p.rules))) for p in packs]
        widths = [max(_width(row[i]) for row in rows) for i in range(5)]
        for row in rows:
            cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)]
            self.stdout.write("  ".join(cells).rstrip())

    def _show(self, slug: str, *, as_json: bool) -> None:
        try:
            pack = load_pack(slug)
        except UnknownPack as exc:
            raise CommandError(str(exc)) from None
        except PackInvalid as exc:
            raise CommandError(f"invalid pack:\n{exc}") from None
        if as_json:
            payload = {
                "pack": pack.data,
                "provenance": {
                    key: {"origin": info.origin, "status": info.status}
                    for key, info in pack.rules.items()
                },
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        else:
            self.stdout.write(render_text(pack))

    def _check(self, files: list[Path]) -> None:
        failed = False
        for path in files:
            problems = check_file(path)
            for problem in problems:
                self.stdout.write(str(problem))
            failed = failed or bool(problems)
        if failed:
            raise SystemExit(1)
        self.stdout.write(f"ok: {len(files)} pack(s) valid")


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
