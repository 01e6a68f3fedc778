"""The one way the cases app writes to the ledger: an entry about one case, inside the caller's
transaction (DESIGN.md: no state change without its entry, no entry without its change)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sanxiang.accounts.models import User
from sanxiang.cases.models import Case
from sanxiang.ledger.records import shanghai_iso
from sanxiang.ledger.services import append


def subject_of(case: Case) -> str:
    """``case:<agency-slug>:<案号>`` — stable, readable, unique per agency."""
    return f"case:{case.agency.slug}:{case.number}"


def when(value: dt.datetime) -> str:
    return shanghai_iso(value)


def append_for(case: Case, *, kind: str, actor: User | None, payload: dict[str, Any]) -> int:
    """Append ``cases.<kind>`` about ``case``; returns the entry's index for the row to keep."""
    entry = append(
        agency=case.agency,
        kind=f"cases.{kind}",
        subject=subject_of(case),
        actor=actor,
        payload={"case_id": case.pk, "case_number": case.number, **payload},
    )
    return int(entry.index)
