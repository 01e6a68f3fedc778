"""PostgreSQL: refuse TRUNCATE of the ledger tables.

The row triggers of 0002/0003 refuse UPDATE and DELETE, but TRUNCATE fires no row trigger, so
one statement could empty the ledger. A statement-level ``BEFORE TRUNCATE`` trigger on each
ledger table (the head included: emptying it would break the chain) raises instead, unless the
session has set ``sanxiang.allow_truncate`` to ``on`` — which only the test flush does
(``ledger/testing.py``), so that Django can empty a test database after a transactional test.

SQLite has no TRUNCATE (its DELETE is already refused), so nothing is done there.
"""

from django.db import migrations

TABLES = (
    "ledger_ledgerentry",
    "ledger_ledgernode",
    "ledger_checkpoint",
    "ledger_keyrotation",
    "ledger_ledgerhead",
)

FUNCTION = """
CREATE OR REPLACE FUNCTION ledger_refuse_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('sanxiang.allow_truncate', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'ledger table % is append-only: TRUNCATE refused', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""


def _trigger(table: str) -> str:
    return f"{table}_no_truncate"


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {_trigger(table)} ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER {_trigger(table)} BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_truncate()"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {_trigger(table)} ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS ledger_refuse_truncate()")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0003_leaf_data_batch_seals_key_rotation")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
