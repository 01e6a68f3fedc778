"""PostgreSQL: TRUNCATE of a ledger table is refused (ledger migration 0004), directly or by
CASCADE from the agencies, unless the session allows it as only the test flush does."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from sanxiang.ledger.models import LedgerEntry, LedgerHead
from sanxiang.ledger.services import append
from sanxiang.registry.models import Agency

# Committed rows: PostgreSQL refuses to TRUNCATE a table with pending trigger events of the
# same transaction, which would hide the refusal under test. The flush after each of these
# transactional tests is itself the check that the test flush may still TRUNCATE.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

# Every ledger model's table, not a copy of the migration's list: a table added later without
# its TRUNCATE trigger fails here.
TABLES = sorted(model._meta.db_table for model in apps.get_app_config("ledger").get_models())


def _set_allow(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('sanxiang.allow_truncate', %s, false)", [value])


@pytest.fixture
def entries(agency_a: Agency, agency_b: Agency) -> int:
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE triggers exist on PostgreSQL only (SQLite has no TRUNCATE)")
    for agency in (agency_a, agency_b):
        for n in range(3):
            append(agency=agency, kind="test.truncate", subject=f"t:{n}", actor=None, payload={})
    # An earlier transactional test's flush may have left the session allowed.
    _set_allow("")
    return LedgerEntry.objects.count()


@pytest.mark.parametrize("table", TABLES)
def test_truncate_of_a_ledger_table_is_refused(entries: int, table: str) -> None:
    heads = LedgerHead.objects.count()
    with (
        pytest.raises(DatabaseError, match="TRUNCATE refused"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"TRUNCATE {table} CASCADE")
    assert LedgerEntry.objects.count() == entries > 0
    assert LedgerHead.objects.count() == heads == 2


def test_truncate_cascading_from_the_agencies_is_refused(entries: int) -> None:
    with (
        pytest.raises(DatabaseError, match="TRUNCATE refused"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE registry_agency CASCADE")
    assert LedgerEntry.objects.count() == entries
    assert Agency.objects.count() >= 2


def test_the_test_flush_setting_allows_it(entries: int) -> None:
    """The gate opens only with the session setting (rolled back here, so nothing is lost)."""
    _set_allow("on")
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE ledger_ledgerentry CASCADE")
            cursor.execute("SELECT count(*) FROM ledger_ledgerentry")
            assert cursor.fetchone() == (0,)
            transaction.set_rollback(True)
    finally:
        _set_allow("")
    assert LedgerEntry.objects.count() == entries
