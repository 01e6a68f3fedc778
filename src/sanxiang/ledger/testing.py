"""Test support: let Django's end-of-test flush empty the ledger on SQLite.

The append-only triggers refuse DELETE, and on SQLite Django's flush (run after every
``transaction=True`` test) is a DELETE per table, so a transactional test that wrote ledger
entries would fail in teardown. PostgreSQL's flush uses TRUNCATE, which row triggers do not see.

Use the ``ledger_flushable`` fixture in such tests (import it into the test module, or list it
in a conftest): after the test it drops the triggers, empties the ledger tables and recreates
the triggers, so the flush that follows finds nothing to refuse. It works only on a test
database and refuses anything else.

On PostgreSQL the flush's TRUNCATE is refused by ledger migration 0004's statement triggers
unless the session sets ``sanxiang.allow_truncate``; ``erase_search_index_for_tests`` (called by
every transactional-test teardown) sets it.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

_TRIGGERS = importlib.import_module(
    "sanxiang.ledger.migrations.0003_leaf_data_batch_seals_key_rotation"
)


class _CursorEditor:
    """Just enough of a schema editor for the migration's trigger functions.

    (SQLite's real schema editor refuses to open inside a transaction with foreign keys on.)
    """

    def __init__(self, cursor: CursorWrapper) -> None:
        self.connection = connection
        self.cursor = cursor

    def execute(self, sql: str, params: object = None) -> None:
        self.cursor.execute(sql)


def erase_ledger_for_tests() -> None:
    test_name = connection.creation._get_test_db_name()  # type: ignore[attr-defined]
    if connection.settings_dict["NAME"] != test_name:
        raise RuntimeError("erase_ledger_for_tests() runs only on a test database")
    with transaction.atomic(), connection.cursor() as cursor:
        editor = _CursorEditor(cursor)
        _TRIGGERS.drop_triggers(None, editor)
        for table in (
            "ledger_keyrotation",
            "ledger_checkpoint",
            "ledger_ledgernode",
            "ledger_ledgerentry",
        ):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        cursor.execute("DELETE FROM ledger_ledgerhead")
        _TRIGGERS.create_triggers(None, editor)


def allow_truncate_for_tests() -> None:
    """PostgreSQL: let this connection's flush TRUNCATE the ledger tables (ledger migration 0004
    refuses TRUNCATE unless the session sets ``sanxiang.allow_truncate``). Tests only."""
    if connection.vendor != "postgresql":
        return
    if "PYTEST_CURRENT_TEST" not in os.environ:
        raise RuntimeError("allow_truncate_for_tests() runs only under pytest")
    with connection.cursor() as cursor:
        # Session-level (not SET LOCAL): the flush runs after this call, in its own transaction.
        cursor.execute("SELECT set_config('sanxiang.allow_truncate', 'on', false)")


def erase_search_index_for_tests() -> None:
    """Empty the portal's search index (raw tables of disclosure migration 0003, unknown to
    Django's flush). Its key table references ``disclosure_publication``, so without this the
    flush fails: PostgreSQL refuses to TRUNCATE a referenced table, SQLite's deferred foreign-key
    check fails at commit.

    Every transactional-test teardown calls this before the flush (the root conftest through
    ``ledger_flushable``, the browser tests' own hook), so it also allows the flush's TRUNCATE
    of the ledger tables on PostgreSQL (``allow_truncate_for_tests``)."""
    allow_truncate_for_tests()
    test_name = connection.creation._get_test_db_name()  # type: ignore[attr-defined]
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"] != test_name:
        raise RuntimeError("erase_search_index_for_tests() runs only on a test database")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM disclosure_search_key")
        if connection.vendor == "sqlite":
            # A contentless FTS5 table is emptied by its 'delete-all' command, not DELETE.
            cursor.execute(
                "INSERT INTO disclosure_search_fts(disclosure_search_fts) VALUES ('delete-all')"
            )


@pytest.fixture
def ledger_flushable() -> Iterator[None]:
    yield
    erase_search_index_for_tests()
    if connection.vendor == "sqlite":
        erase_ledger_for_tests()
