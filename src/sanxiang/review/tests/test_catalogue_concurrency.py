"""Two requests drawing up an agency's first catalogue draft at once: one draft is made, the
other request gets the Chinese refusal (not a database error), and one ledger entry is written.

The two threads use their own database connections (PostgreSQL). The first thread to reach the
ledger step waits (up to two seconds) for the second there, so without a lock both would read
"no draft" and both insert version 1."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

import pytest
from django.db import connection, connections

from sanxiang.accounts.choices import Role
from sanxiang.cases.tests import factories as f
from sanxiang.core.errors import RuleViolation
from sanxiang.ledger.models import LedgerEntry
from sanxiang.review import services
from sanxiang.review.models import Catalogue

ITEMS = [{"name": "撤销外国人来华工作许可", "basis": "《中华人民共和国行政许可法》第六十九条"}]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_first_drafts_make_one_and_refuse_the_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if connection.vendor != "postgresql":
        # SQLite serialises writers at BEGIN IMMEDIATE, so the race cannot happen there, and
        # its shared-cache test database answers a second writer "table is locked" at once.
        pytest.skip("needs PostgreSQL: parallel connections")
    agency, other = f.agency("wuhan-kjj"), f.agency("dongxihu-sfj")
    reviewers = [f.staff(agency, f"reviewer{n}", Role.LEGAL_REVIEWER) for n in (1, 2)]
    other_reviewer = f.staff(other, "reviewer", Role.LEGAL_REVIEWER)
    services.draft_catalogue(actor=other_reviewer, agency=other, items=ITEMS)
    ledger_before = LedgerEntry.objects.filter(agency=agency).count()

    both_read = threading.Barrier(2)
    real_ledger = services._catalogue_ledger

    def ledger_after_both_read(*args: Any, **kwargs: Any) -> int:
        # A broken barrier means the other request is waiting for our lock: the fix at work.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait(timeout=2)
        return real_ledger(*args, **kwargs)

    monkeypatch.setattr(services, "_catalogue_ledger", ledger_after_both_read)
    outcomes: list[object] = []

    def draft(actor: Any) -> None:
        try:
            outcomes.append(services.draft_catalogue(actor=actor, agency=agency, items=ITEMS))
        except Exception as exc:  # the outcome is what the test inspects
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=draft, args=(actor,)) for actor in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    made = [o for o in outcomes if isinstance(o, Catalogue)]
    refused = [o for o in outcomes if isinstance(o, RuleViolation)]
    assert len(made) == 1 and len(refused) == 1, outcomes
    assert refused[0].rule_id == "catalogue_draft_exists"
    assert "已有未备案的目录草稿" in refused[0].message
    assert list(Catalogue.objects.filter(agency=agency).values_list("version", flat=True)) == [1]
    assert LedgerEntry.objects.filter(agency=agency).count() == ledger_before + 1
    assert Catalogue.objects.filter(agency=other).count() == 1
