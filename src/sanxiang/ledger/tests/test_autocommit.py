"""append() outside any transaction opens its own (autocommit callers, management commands)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from sanxiang.ledger import services
from sanxiang.ledger.models import LedgerEntry
from sanxiang.registry.models import Agency


@pytest.mark.django_db(transaction=True)
def test_append_in_autocommit_mode(agency_a: Agency, agency_b: Agency) -> None:
    entry = services.append(
        agency=agency_a, kind="test.auto.commit", subject="a", actor=None, payload={}
    )
    assert entry.index == 0
    assert LedgerEntry.objects.filter(agency=agency_a).count() == 1
    assert not LedgerEntry.objects.filter(agency=agency_b).exists()
    # Committed for real: a failure later in the caller cannot take it back.
    with pytest.raises(RuntimeError), transaction.atomic():
        services.append(
            agency=agency_b, kind="test.auto.commit", subject="b", actor=None, payload={}
        )
        raise RuntimeError
    assert LedgerEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_triggers_are_back_after_the_cleanup_of_the_previous_test(agency_a: Agency) -> None:
    services.append(agency=agency_a, kind="test.auto.commit", subject="a", actor=None, payload={})
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("DELETE FROM ledger_ledgerentry")
    assert LedgerEntry.objects.count() == 1
