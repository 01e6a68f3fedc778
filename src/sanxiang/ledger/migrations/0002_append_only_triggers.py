"""Refuse UPDATE and DELETE on the ledger tables at the database (DESIGN.md invariant).

Written per vendor because SQLite and PostgreSQL spell triggers differently. ``ledger_ledgerhead``
is left out on purpose: it is the append lock and a cache that ``verify`` never trusts.

TRUNCATE is not refused by a trigger on PostgreSQL: Django's test flush (and ``manage.py flush``)
truncates every table, and a statement trigger would break them. Production should run the
application role without the TRUNCATE privilege (see docs/ledger.md).
"""

from django.db import migrations

APPEND_ONLY_TABLES = ("ledger_ledgerentry", "ledger_ledgernode", "ledger_checkpoint")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger table % is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def _statements(vendor, table):
    if vendor == "postgresql":
        return [
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();",
        ]
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'ledger table {table} is append-only: UPDATE refused'); END;",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'ledger table {table} is append-only: DELETE refused'); END;",
        ]
    raise NotImplementedError(f"no append-only triggers for database vendor {vendor!r}")


def _drop_statements(vendor, table):
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};",
        ]
    return [f"DROP TRIGGER IF EXISTS {table}_no_update;", f"DROP TRIGGER IF EXISTS {table}_no_delete;"]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
    for table in APPEND_ONLY_TABLES:
        for sql in _statements(vendor, table):
            schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in APPEND_ONLY_TABLES:
        for sql in _drop_statements(vendor, table):
            schema_editor.execute(sql)
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS ledger_refuse_change();")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
