from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections


class Command(BaseCommand):
    help = "Rebuild the demo database (SQLite only) with the five agencies, then serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="only rebuild the database")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args: Any, no_serve: bool, port: int, host: str, **options: Any) -> None:
        from sanxiang.core.demo import DEMO_PASSWORD, build_demo

        database = settings.DATABASES["default"]
        # The demo starts by deleting the database file: never do that to a real server.
        if database["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError(
                "sanxiang demo 只用于 SQLite 演示库，会删除并重建数据库；"
                "当前 SANXIANG_DATABASE_URL 指向其他数据库，已拒绝执行。"
                " (demo refuses to run on a non-SQLite database)"
            )
        path = Path(str(database["NAME"]))
        if str(database["NAME"]) == ":memory:" or "mode=memory" in str(database["NAME"]):
            raise CommandError("sanxiang demo 需要文件型 SQLite 数据库。 (in-memory SQLite)")
        started = time.monotonic()
        connections.close_all()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        self.stdout.write(f"重建演示数据库 {path}")
        self.stdout.write("· 数据库迁移 …")
        call_command("migrate", interactive=False, verbosity=0)
        logins = build_demo(stdout=self.stdout)
        self.stdout.write(f"完成，用时 {time.monotonic() - started:.1f} 秒。\n")

        width = max(len(login.username) for login in logins)
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        self.stdout.write(f"  {'用户名':<{width - 3}}  角色 / 执法主体")
        for login in logins:
            self.stdout.write(f"  {login.username:<{width}}  {login.role} / {login.agency}")
        self.stdout.write("")
        if not no_serve:
            call_command("serve", port=port, host=host)
