"""Refuse DELETE of blobs and evidence items, and any change of a blob's digest or size, at the
database (DESIGN.md: stored evidence is never deleted; disposal marks the row and keeps the
digest). Per vendor, as in ``ledger/migrations/0002``."""

from django.db import migrations

KEPT_TABLES = ("evidence_blob", "evidence_evidenceitem", "evidence_disposal")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION evidence_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'evidence table % keeps its rows: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def _statements(vendor):
    out = []
    if vendor == "postgresql":
        for table in KEPT_TABLES:
            out.append(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();"
            )
        out.append(
            "CREATE TRIGGER evidence_blob_digest_fixed BEFORE UPDATE OF sha256, sm3, size "
            "ON evidence_blob FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();"
        )
        return out
    if vendor == "sqlite":
        for table in KEPT_TABLES:
            out.append(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'evidence table {table} keeps its rows: DELETE refused'); END;"
            )
        out.append(
            "CREATE TRIGGER evidence_blob_digest_fixed BEFORE UPDATE OF sha256, sm3, size "
            "ON evidence_blob BEGIN SELECT RAISE(ABORT, 'evidence_blob digest is fixed: UPDATE refused'); END;"
        )
        return out
    raise NotImplementedError(f"no evidence triggers for database vendor {vendor!r}")


def _drop(vendor):
    names = [f"{table}_no_delete" for table in KEPT_TABLES] + ["evidence_blob_digest_fixed"]
    if vendor == "postgresql":
        tables = [*KEPT_TABLES, "evidence_blob"]
        return [f"DROP TRIGGER IF EXISTS {n} ON {t};" for n, t in zip(names, tables, strict=True)]
    return [f"DROP TRIGGER IF EXISTS {n};" for n in names]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # params=None: the function body's % placeholders are PL/pgSQL's, not the driver's.
        schema_editor.execute(PG_FUNCTION, params=None)
    for statement in _statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    for statement in _drop(schema_editor.connection.vendor):
        schema_editor.execute(statement)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS evidence_refuse_change();")


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
