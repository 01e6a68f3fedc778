"""Shared test helpers: build logs, run the CLI, act as an attacker with raw SQL."""

from __future__ import annotations

import io
import json
from typing import Any

from django.core.management import call_command
from django.db import connection

from sanxiang.accounts.models import User
from sanxiang.ledger import services
from sanxiang.ledger.models import LedgerEntry
from sanxiang.registry.models import Agency

TABLES = ("ledger_ledgerentry", "ledger_ledgernode", "ledger_checkpoint")


def fill(agency: Agency, actor: User | None, count: int, start: int = 0) -> list[LedgerEntry]:
    return [
        services.append(
            agency=agency,
            kind="case.record.added",
            subject=f"cases.Record:{i}",
            actor=actor,
            payload={"step": "调查取证", "n": i, "text": "询问笔录" * 10},
        )
        for i in range(start, start + count)
    ]


def run(*args: str) -> tuple[int, str]:
    """Run ``sanxiang ledger …`` in-process; return (exit code, stdout)."""
    out = io.StringIO()
    try:
        call_command("ledger", *args, stdout=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def run_json(*args: str) -> tuple[int, Any]:
    code, text = run(*args)
    return code, json.loads(text)


def drop_triggers() -> None:
    """What an attacker with database access does first (rolled back with the test)."""
    with connection.cursor() as cursor:
        for table in TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")


def sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])
